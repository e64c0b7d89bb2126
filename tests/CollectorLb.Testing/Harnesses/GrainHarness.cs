using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains;
using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Registry;
using CollectorLb.Silo.Hosting;
using CollectorLb.Testing.Fakes;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;
using Microsoft.Extensions.Time.Testing;

namespace CollectorLb.Testing.Harnesses;

/// <summary>
/// One TestingHost silo set up as the silo program sets up its own (<c>AddCollectorLbSiloServices</c>) with the
/// grains' services, and fakes for the grains' I/O: the registry, the connectors' pings and the uploads. The grains'
/// clock is a <see cref="FakeTimeProvider"/> the test moves, while Orleans' own background work keeps real time: a
/// wait, a cool-down, a lease timeout or a grain timer runs out when the test says, not when a busy machine gets to it.
/// </summary>
public sealed class GrainHarness : IAsyncDisposable
{
    public const string HostId = "host-a";

    private readonly TempDirectory _root = new("grains");

    private GrainHarness()
    {
    }

    /// <summary>The grains' clock; it starts at a fixed time and moves only with <see cref="FakeTimeProvider.Advance"/>.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 4, 40, 0, TimeSpan.Zero));

    public FakeRegistryClient Registry { get; } = new();

    public FakeConnectorProber Prober { get; } = new();

    public FakeFileUploader Uploader { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The pool of the registry at <paramref name="registryUrl"/> (a name only: <see cref="Registry"/> answers for every URL).</summary>
    public IConnectorPoolGrain Pool(string registryUrl = "http://registry.test") => Client.GetGrain<IConnectorPoolGrain>(registryUrl);

    /// <param name="settings">Settings under <c>CollectorLb</c> by configuration key (<c>Pool:Policy</c>), on the silo's defaults.</param>
    public static async Task<GrainHarness> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var harness = new GrainHarness();
        try
        {
            await harness.StartClusterAsync(settings ?? new Dictionary<string, string>());
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        _root.Dispose();
    }

    private async Task StartClusterAsync(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new SiloSettings(HostId)
            .WithFlowDirectory(Directory.CreateDirectory(_root.Combine("netflows")).FullName)
            .With(settings)
            .ToConfiguration();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((siloOptions, host) =>
        {
            siloOptions.SiloName = HostId; // TestingHost names the silo after the set-up below does: the same name
            host.Configuration.AddInMemoryCollection(configuration);
            host.Services.AddSingleton<IRegistryClient>(Registry);
            host.Services.AddSingleton<IConnectorProber>(Prober);
            host.Services.AddSingleton<IFileUploader>(Uploader);
            host.Services.AddCollectorLbGrainServices(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCollectorLbSiloServices();

            // Registered last, so it is the clock grains get; every keyed area of Orleans itself stays on real time.
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }
}
