using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;

namespace CollectorLb.Testing.Cluster;

/// <summary>
/// Collector hosts as one Orleans cluster in this process: one <see cref="InProcessSilo"/> per host, each over its own flow
/// directory, with membership, grain state and reminders in Redis and real TCP between silos, as in production, so
/// silo processes of the same <see cref="ClusterIdentity"/> can join. Membership keeps its production timings unless
/// fast failure detection is asked for.
/// </summary>
public sealed class CollectorCluster : IAsyncDisposable
{
    private readonly List<InProcessSilo> _silos;
    private readonly int _registryPort;

    private CollectorCluster(List<InProcessSilo> silos, int registryPort, ProblemLog problems)
    {
        _silos = silos;
        _registryPort = registryPort;
        Problems = problems;
    }

    /// <summary>The hosts whose silos run in this process.</summary>
    public IReadOnlyList<ClusterHost> Hosts => _silos.Select(s => s.Host).ToList();

    public ProblemLog Problems { get; }

    /// <summary>Starts one silo per host, all at once, and returns when every one is active.</summary>
    public static async Task<CollectorCluster> StartAsync(
        IReadOnlyList<ClusterHost> hosts, ClusterIdentity identity, string redis, int registryPort, PoolTurnMeter? turns = null, bool fastFailureDetection = false)
    {
        var problems = new ProblemLog();
        var starts = hosts.Select(host => InProcessSilo.StartAsync(host, identity, redis, registryPort, problems, turns, fastFailureDetection)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var started in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        return new CollectorCluster([.. starts.Select(s => s.Result)], registryPort, problems);
    }

    public InProcessSilo SiloOf(ClusterHost host) => _silos.Single(s => s.Host == host);

    /// <summary>The lease service of a host's silo.</summary>
    internal ConnectorLeases LeasesOf(ClusterHost host) => SiloOf(host).Services.GetRequiredService<ConnectorLeases>();

    /// <summary>Where the pool's activation is, once it has one: a host of this process, or null for a silo of another process.</summary>
    public async Task<ClusterHost?> PoolHostAsync()
    {
        var grains = _silos[0].Services.GetRequiredService<IGrainFactory>();
        var pool = grains.GetGrain<IConnectorPoolGrain>($"http://127.0.0.1:{_registryPort}");
        var address = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(pool)
            ?? throw new InvalidOperationException("The connector pool has no activation.");
        return _silos.FirstOrDefault(s => s.Address.Equals(address))?.Host;
    }

    /// <summary>Every activation of the connector pool the cluster knows of, and the silos' addresses: for a message when the pool is not where a test needs it.</summary>
    public async Task<string> PoolActivationsAsync()
    {
        var grains = _silos[0].Services.GetRequiredService<IGrainFactory>();
        var stats = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return string.Join("; ", stats.Where(s => s.GrainType.Contains("ConnectorPool", StringComparison.Ordinal)).Select(s => $"{s.GrainId} on {s.SiloAddress}"))
            + " | silos: " + string.Join(", ", _silos.Select(s => $"{s.Host.HostId}={s.Address}"));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
    }
}
