using CollectorLb.DevServices;
using CollectorLb.Grains.Placement;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CollectorLb.Tests.TestSupport;

/// <summary>
/// A TestingHost cluster of one silo running the collector's real services (watcher, uploads, pool) over a
/// temporary flow directory, with the DevServices registry and connectors on loopback.
/// </summary>
public sealed class CollectorHarness : IAsyncDisposable
{
    public const string HostId = "host-a";

    private readonly TempDirectory _root = new("harness");

    private CollectorHarness()
    {
        FlowDirectory = _root.Combine("netflows");
        Directory.CreateDirectory(FlowDirectory);
        RegistryPort = FreePorts.Tcp();
    }

    public string FlowDirectory { get; }

    public string SpoolDirectory => Path.Combine(FlowDirectory, FileSpool.InflightFolderName);

    public int RegistryPort { get; }

    public string RegistryUrl => $"http://127.0.0.1:{RegistryPort}";

    public RegistryServer? Registry { get; private set; }

    public List<ConnectorServer> Connectors { get; } = [];

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public IEnumerable<ReceivedFile> AllReceived => Connectors.SelectMany(c => c.Received);

    public static async Task<CollectorHarness> StartAsync(HarnessOptions? options = null)
    {
        options ??= new HarnessOptions();
        var harness = new CollectorHarness();
        try
        {
            await harness.StartDevServicesAsync(options);
            options.BeforeStart?.Invoke(harness.FlowDirectory);
            await harness.StartClusterAsync(options);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the registry on its reserved port (when it was left down) and registers every connector.</summary>
    public async Task StartRegistryAsync()
    {
        Registry = await RegistryServer.StartAsync(new RegistryServerOptions { Port = RegistryPort, PingInterval = Timeout.InfiniteTimeSpan });
        foreach (var connector in Connectors)
        {
            Registry.Register(connector.Name, connector.Url);
        }
    }

    /// <summary>Renames <paramref name="count"/> distinct valid nfcapd files into the directory; returns name -> sha256.</summary>
    public Dictionary<string, string> DropFiles(int count, string prefix = "nfcapd.2026112704")
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            var name = $"{prefix}{i:D4}";
            var content = FlowFiles.Distinct(i);
            FlowFiles.RenameInto(FlowDirectory, name, content);
            files[name] = FlowFiles.Sha256(content);
        }

        return files;
    }

    /// <summary>Files of the flow directory and the spool that are still on disk (claim folders not counted).</summary>
    public IReadOnlyList<string> FilesOnDisk() =>
        Directory.EnumerateFiles(FlowDirectory, "*", SearchOption.AllDirectories).ToList();

    public async Task WaitUntilDeliveredAsync(IReadOnlyDictionary<string, string> expected, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(
            () => expected.Keys.All(name => AllReceived.Any(r => r.FileName == name)),
            () => $"{expected.Keys.Count(name => AllReceived.Any(r => r.FileName == name))} of {expected.Count} delivered; on disk: {FilesOnDisk().Count}",
            timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        foreach (var connector in Connectors)
        {
            await connector.DisposeAsync();
        }

        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }

        _root.Dispose();
    }

    private async Task StartDevServicesAsync(HarnessOptions options)
    {
        for (var i = 0; i < options.ConnectorCount; i++)
        {
            Connectors.Add(await ConnectorServer.StartAsync(new ConnectorServerOptions
            {
                Name = $"connector-{i + 1}",
                OutputDirectory = _root.Combine($"connector-{i + 1}"),
                Mode = i < options.ConnectorModes.Count ? options.ConnectorModes[i] : ConnectorMode.Success,
            }));
        }

        if (options.StartRegistry)
        {
            await StartRegistryAsync();
        }
    }

    private async Task StartClusterAsync(HarnessOptions options)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CollectorLb:HostId"] = HostId,
            ["CollectorLb:FlowDirectory"] = FlowDirectory,
            ["CollectorLb:Registry:Host"] = "127.0.0.1",
            ["CollectorLb:Registry:Port"] = RegistryPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CollectorLb:Registry:TimeoutSeconds"] = "1",
            ["CollectorLb:Nfcapd:Enabled"] = "false",
            ["CollectorLb:Watcher:RescanSeconds"] = "1",
            ["CollectorLb:Watcher:StableSeconds"] = "0.3",
            ["CollectorLb:Upload:ConnectTimeoutSeconds"] = "1",
            ["CollectorLb:Upload:TimeoutSeconds"] = "3",
            ["CollectorLb:Delivery:RetryBaseDelaySeconds"] = "0.2",
            ["CollectorLb:Delivery:RetryMaxDelaySeconds"] = "1",
            ["CollectorLb:Delivery:NoConnectorRetrySeconds"] = "0.3",
            ["CollectorLb:Pool:RegistryRefreshSeconds"] = "1",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((siloOptions, host) =>
        {
            siloOptions.SiloName = HostId; // host-affine placement finds the host's silo by its name
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddCollectorServices(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) => silo.AddCollectorLbStorage().AddHostAffinePlacement());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }
}
