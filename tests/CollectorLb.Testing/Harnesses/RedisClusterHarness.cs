using System.Reflection;
using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.DevServices.Connector;
using CollectorLb.DevServices.Registry;
using CollectorLb.Grains.Placement;
using CollectorLb.Silo.Hosting;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Logging;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;
using StackExchange.Redis;

namespace CollectorLb.Testing.Harnesses;

/// <summary>
/// Several collector hosts as one cluster with Redis membership, grain state and reminders (a test-owned
/// redis-server): one silo per host, each running the collector's real watcher and uploads over its own flow
/// directory, with the DevServices registry and connectors on loopback.
/// </summary>
public sealed class RedisClusterHarness : IAsyncDisposable
{
    private readonly TempDirectory _root = new("cluster");
    private readonly LoopbackDevServices _devServices;
    private readonly SiloNaming _naming;
    private readonly Dictionary<string, CollectorHost> _hostBySiloName = [];

    // TestingHost's StartSiloAsync does not add the silo to Cluster.Silos, so restarted silos are tracked here.
    private readonly List<InProcessSiloHandle> _restartedSilos = [];

    private readonly Action<IServiceCollection>? _configureServices;

    private RedisClusterHarness(int hostCount, SiloNaming naming, Action<IServiceCollection>? configureServices)
    {
        _naming = naming;
        _configureServices = configureServices;
        _devServices = new LoopbackDevServices(_root.Path);
        for (var i = 0; i < hostCount; i++)
        {
            var hostId = $"host-{(char)('a' + i)}";
            Hosts.Add(new CollectorHost(i, hostId, _root.Combine(hostId, "netflows")));
        }
    }

    public List<CollectorHost> Hosts { get; } = [];

    public RedisServer Redis { get; private set; } = null!;

    public RegistryServer Registry => _devServices.Registry!;

    public List<ConnectorServer> Connectors => _devServices.Connectors;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IEnumerable<ReceivedFile> AllReceived => _devServices.AllReceived;

    public IConnectorPoolGrain Pool => Client.GetGrain<IConnectorPoolGrain>($"http://127.0.0.1:{Registry.Port}");

    /// <param name="configureServices">Runs last on every silo's services: to put a fault-injecting service in place.</param>
    public static async Task<RedisClusterHarness> StartAsync(int hostCount = 3, SiloNaming naming = SiloNaming.ByHost, int connectorCount = 2, Action<IServiceCollection>? configureServices = null)
    {
        var harness = new RedisClusterHarness(hostCount, naming, configureServices);
        try
        {
            harness.Redis = await RedisServer.StartAsync();
            await harness._devServices.StartConnectorsAsync(connectorCount);
            await harness._devServices.StartRegistryAsync();
            harness.Cluster = harness.BuildCluster(hostCount);
            await harness.Cluster.DeployAsync();
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>The running silo of a host, or null when it is stopped.</summary>
    public InProcessSiloHandle? SiloOf(CollectorHost host) =>
        RunningSilos.FirstOrDefault(s => _hostBySiloName.TryGetValue(s.Name, out var h) && h == host);

    public IEnumerable<InProcessSiloHandle> RunningSilos => Cluster.Silos.Concat(_restartedSilos);

    public CollectorHost HostOf(InProcessSiloHandle silo) => _hostBySiloName[silo.Name];

    /// <summary>Stops a host's silo: gracefully, or as a crash.</summary>
    public async Task StopHostAsync(CollectorHost host, bool kill = false)
    {
        var silo = SiloOf(host) ?? throw new InvalidOperationException($"{host.HostId} is not running.");
        _restartedSilos.Remove(silo);
        if (kill)
        {
            await Cluster.KillSiloAsync(silo);
        }
        else
        {
            await Cluster.StopSiloAsync(silo);
        }
    }

    /// <summary>Starts a host's silo again: the same host id and directory, a new silo process generation.</summary>
    public async Task<InProcessSiloHandle> StartHostAsync(CollectorHost host)
    {
        var silo = await Cluster.StartSiloAsync(host.Index, Cluster.Options);
        _restartedSilos.Add(silo);
        return silo;
    }

    /// <summary>Renames <paramref name="count"/> distinct valid nfcapd files into a host's directory, named uniquely across hosts.</summary>
    public void DropFiles(CollectorHost host, int count)
    {
        Directory.CreateDirectory(host.FlowDirectory);
        for (var i = 0; i < count; i++)
        {
            var sequence = host.Dropped.Count;
            var name = string.Create(CultureInfo.InvariantCulture, $"nfcapd.2026112{host.Index}{sequence:D5}");
            var content = FlowFiles.Distinct((host.Index * 10_000) + sequence);
            FlowFiles.RenameInto(host.FlowDirectory, name, content);
            host.Dropped[name] = FlowFiles.Sha256(content);
        }
    }

    /// <summary>
    /// A call from the test's cluster client, tried again while the client still knows only gateways of silos
    /// that are gone (after a crash or a restart of every silo, until it reads the new ones from Redis).
    /// </summary>
    public async Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call)
    {
        var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (true)
        {
            try
            {
                return await call(Client);
            }
            catch (Exception ex) when (IsGatewayProblem(ex) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The state of one file, as its grain (activated by placement) reports it.</summary>
    public Task<FileSnapshot> SnapshotAsync(string fileKey) => CallAsync(client => client.GetGrain<IFileGrain>(fileKey).GetSnapshot());

    /// <summary>Reminder rows in Redis, read through a running silo.</summary>
    public async Task<int> ReminderRowsAsync() =>
        (await RunningSilos.First(s => s.IsActive).ServiceProvider.GetRequiredService<Orleans.IReminderTable>().ReadRows(0, uint.MaxValue)).Reminders.Count;

    public bool IsDelivered(string fileName) => AllReceived.Any(r => r.FileName == fileName);

    public async Task WaitUntilDeliveredAsync(IEnumerable<CollectorHost> hosts, TimeSpan? timeout = null)
    {
        var expected = hosts.SelectMany(h => h.Dropped.Keys).ToList();
        try
        {
            await DeliveryWait.UntilReceivedAsync(
                Connectors,
                expected,
                received => $"{expected.Count(received.Contains)} of {expected.Count} delivered; on disk: " +
                            string.Join(", ", Hosts.Select(h => $"{h.HostId}={h.FilesOnDisk().Count}")),
                timeout);
        }
        catch (TimeoutException timeoutException)
        {
            throw new TimeoutException($"{timeoutException.Message}\n{await DescribeClaimedFilesAsync()}", timeoutException);
        }
    }

    /// <summary>What the grains of the files still claimed on disk say about them, for a failure message.</summary>
    private async Task<string> DescribeClaimedFilesAsync()
    {
        var lines = new List<string>();
        foreach (var host in Hosts)
        {
            foreach (var path in host.SpooledFiles())
            {
                var key = SpooledFileKey.Of(host.HostId, path).ToString();
                try
                {
                    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    var snapshot = await Client.GetGrain<IFileGrain>(key).GetSnapshot().WaitAsync(deadline.Token);
                    lines.Add($"{key}: {snapshot.Status}, {snapshot.Attempts} attempt(s), on {snapshot.ActivationSilo}, last error {snapshot.LastError}");
                }
                catch (Exception ex)
                {
                    lines.Add($"{key}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        lines.Add("silos: " + string.Join(", ", RunningSilos.Select(s => $"{s.Name}={HostOf(s).HostId}@{s.SiloAddress}")));
        return string.Join("\n", lines);
    }

    /// <summary>The grain key of a received file, read back from its <c>X-CollectorLb-File-Id</c> header.</summary>
    public static string FileKeyOf(ReceivedFile received)
    {
        var parts = received.Headers["X-CollectorLb-File-Id"].Split('/');
        return $"{Uri.UnescapeDataString(parts[0])}/{parts[1]}/{Uri.UnescapeDataString(parts[2])}";
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            foreach (var silo in _restartedSilos)
            {
                await Cluster.KillSiloAsync(silo);
            }

            await Cluster.DisposeAsync();
        }

        await _devServices.DisposeAsync();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        _root.Dispose();
    }

    private static bool IsGatewayProblem(Exception exception) =>
        exception is ConnectionFailedException or SiloUnavailableException or TimeoutException
        || (exception is OrleansMessageRejectionException && exception is not HostSiloUnavailableException);

    private InProcessTestCluster BuildCluster(int hostCount)
    {
        var builder = new InProcessTestClusterBuilder((short)hostCount);

        // Membership lives in Redis, as in production; every silo is a gateway so the client survives any one of them.
        UseOwnMembership(builder.Options);
        builder.Options.GatewayPerSilo = true;
        builder.ConfigureSiloHost((siloOptions, host) =>
        {
            var collectorHost = Hosts[InstanceNumberOf(siloOptions.SiloName)];
            siloOptions.SiloName = _naming == SiloNaming.ByHost
                ? collectorHost.HostId
                : $"collectorlb-silo-{Guid.NewGuid().ToString("N")[..5]}";

            // A host's silo comes back on its own address, as in production: a newer incarnation of it, not another silo.
            siloOptions.SiloPort = collectorHost.SiloPort;
            siloOptions.GatewayPort = collectorHost.GatewayPort;
            lock (_hostBySiloName)
            {
                _hostBySiloName[siloOptions.SiloName] = collectorHost;
            }

            if (Environment.GetEnvironmentVariable("COLLECTORLB_TEST_LOGS") is { } logDirectory)
            {
                Directory.CreateDirectory(logDirectory);
                host.Logging.AddProvider(new FileLoggerProvider(Path.Combine(logDirectory, $"{Path.GetFileName(_root.Path)}-{siloOptions.SiloName}.log")));
            }

            host.Configuration.AddInMemoryCollection(Settings(collectorHost));
            host.Services.AddCollectorLbServices(host.Configuration);
            _configureServices?.Invoke(host.Services);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCollectorLbSiloServices();
            silo.Configure<ClusterMembershipOptions>(FastFailureDetection);
            silo.Configure<Orleans.Hosting.ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        builder.ConfigureClient(client =>
        {
            client.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(Redis.ConnectionString));
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        });
        return builder.Build();
    }

    /// <summary>
    /// Turns off TestingHost's in-process membership table, which would otherwise replace Redis membership: the
    /// switch is public on TestClusterOptions but internal on InProcessTestClusterOptions in 10.4.2.
    /// </summary>
    private static void UseOwnMembership(InProcessTestClusterOptions options)
    {
        var property = typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("InProcessTestClusterOptions.UseTestClusterMembership is gone; see how this Orleans version turns off test membership.");
        property.SetValue(options, false);
    }

    /// <summary>A crashed silo is declared dead within seconds instead of the production minute.</summary>
    private static void FastFailureDetection(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }

    /// <summary>TestingHost names silos by instance ("Primary", "Secondary_1" or "Silo_2"); the instance picks the host.</summary>
    private static int InstanceNumberOf(string defaultSiloName)
    {
        var separator = defaultSiloName.LastIndexOf('_');
        return separator < 0 ? 0 : int.Parse(defaultSiloName[(separator + 1)..], CultureInfo.InvariantCulture);
    }

    private Dictionary<string, string?> Settings(CollectorHost host) =>
        new SiloSettings(host.HostId)
            .WithFlowDirectory(host.FlowDirectory)
            .WithRegistry(Registry.Port)
            .WithFastTimings()
            .With("Upload:TimeoutSeconds", "3")
            .With("Pool:LeaseTimeoutSeconds", "30")

            // Membership, grain state and reminders in the test's Redis, as in production; pod-like names as under Kubernetes hosting.
            .With("Cluster:Mode", "redis")
            .With("Cluster:RedisConnectionString", Redis.ConnectionString)
            .With("Cluster:Kubernetes", _naming == SiloNaming.ByPod ? "true" : "false")
            .ToConfiguration();
}
