using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.DevServices.Connector;
using CollectorLb.DevServices.Registry;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Hosting;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Logging;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.Testing.Harnesses;

/// <summary>
/// A TestingHost cluster of one silo running the collector's real services (watcher, uploads, pool) over a
/// temporary flow directory, with the DevServices registry and connectors on loopback.
/// </summary>
public sealed class CollectorHarness : IAsyncDisposable
{
    public const string HostId = "host-a";

    private readonly TempDirectory _root = new("harness");
    private readonly LoopbackDevServices _devServices;

    private CollectorHarness()
    {
        _devServices = new LoopbackDevServices(_root.Path);
        FlowDirectory = _root.Combine("netflows");
        Directory.CreateDirectory(FlowDirectory);
        RegistryPort = FreePorts.Tcp();
    }

    public string FlowDirectory { get; }

    public string SpoolDirectory => Path.Combine(FlowDirectory, FileSpool.InflightFolderName);

    public int RegistryPort { get; }

    public string RegistryUrl => $"http://127.0.0.1:{RegistryPort}";

    public RegistryServer? Registry => _devServices.Registry;

    public List<ConnectorServer> Connectors => _devServices.Connectors;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public IEnumerable<ReceivedFile> AllReceived => _devServices.AllReceived;

    /// <summary>What the silo's own (CollectorLb) loggers wrote, formatted as an operator reads it.</summary>
    public CapturingLoggerProvider Log { get; } = new();

    public string QuarantineDirectory => Path.Combine(FlowDirectory, "quarantine");

    /// <summary>What the quarantine folder's sidecars say, read as the silo reads them.</summary>
    public IReadOnlyList<CollectorLb.Abstractions.Quarantine.QuarantinedFile> Quarantined() =>
        SiloServices.GetRequiredService<QuarantineStore>().List();

    /// <summary>Rows in the silo's reminder table, whoever registered them.</summary>
    public async Task<int> ReminderRowsAsync() =>
        (await SiloServices.GetRequiredService<Orleans.IReminderTable>().ReadRows(0, uint.MaxValue)).Reminders.Count;

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
    public Task StartRegistryAsync() => _devServices.StartRegistryAsync(RegistryPort);

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

    /// <summary>Every file still under the flow directory: waiting, claimed, quarantined, or our own markers.</summary>
    public IReadOnlyList<string> FilesOnDisk() =>
        Directory.EnumerateFiles(FlowDirectory, "*", SearchOption.AllDirectories).ToList();

    /// <summary>Flow files claimed into the spool and not yet delivered.</summary>
    public IReadOnlyList<string> SpooledFiles() => FlowFiles.Under(SpoolDirectory);

    public Task WaitUntilDeliveredAsync(IReadOnlyDictionary<string, string> expected, TimeSpan? timeout = null) =>
        DeliveryWait.UntilReceivedAsync(
            Connectors,
            expected.Keys,
            received => $"{expected.Keys.Count(received.Contains)} of {expected.Count} delivered; on disk: {FilesOnDisk().Count}",
            timeout);

    /// <summary>
    /// Every file in <paramref name="expected"/> reached a connector, and each second copy is one the silo counted as a
    /// possible duplicate: under a short upload timeout a busy machine can answer after it, with the whole body received,
    /// and the resend is then a duplicate by design (README, "Delivery guarantee").
    /// </summary>
    public async Task AssertEachDeliveredOnceOrCountedAsync(IReadOnlyDictionary<string, string> expected, IEnumerable<ReceivedFile>? received = null)
    {
        var copies = (received ?? AllReceived).GroupBy(r => r.FileName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.Keys.Order(), copies.Keys.Order());
        var extraCopies = copies.Values.Sum(count => count - 1);
        await Eventually.TrueAsync(
            async () => (await Client.GetClusterView().GetOverview()).Totals.Duplicates >= extraCopies,
            () => $"{extraCopies} second copies, each counted as a possible duplicate");
    }

    /// <summary>
    /// Waits until <paramref name="fileName"/>'s quarantine is complete, not only begun: its grain's Quarantined state is
    /// written (the host's recent files say so) and the quarantine folder holds its record and its bytes.
    /// </summary>
    public Task WaitUntilQuarantinedAsync(string fileName) =>
        Eventually.TrueAsync(
            async () =>
                (await Client.GetClusterView().GetFiles(new FileQuery { Status = FileStatus.Quarantined })).Items.Any(f => f.FileName == fileName)
                && Quarantined().Any(q => q.FileName == fileName && q.Path is { } path && File.Exists(path)),
            () => $"{fileName} quarantined; quarantine folder: {string.Join(", ", Quarantined().Select(q => q.FileName))}");

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        await _devServices.DisposeAsync();
        _root.Dispose();
    }

    private async Task StartDevServicesAsync(HarnessOptions options)
    {
        await _devServices.StartConnectorsAsync(options.ConnectorCount, (i, name, folder) => new ConnectorServerOptions
        {
            Name = name,
            OutputDirectory = folder,
            Mode = i < options.ConnectorModes.Count ? options.ConnectorModes[i] : ConnectorMode.Success,
            FailureRate = options.FailureRate,
            HangLimit = options.HangLimit,
            Random = new Random(17 + i),
        });

        if (options.StartRegistry)
        {
            await StartRegistryAsync();
        }
    }

    private async Task StartClusterAsync(HarnessOptions options)
    {
        var settings = new SiloSettings(HostId)
            .WithFlowDirectory(FlowDirectory)
            .WithRegistry(RegistryPort)
            .WithFastTimings()
            .With("Upload:TimeoutSeconds", "3")
            .With("Delivery:MaxAttempts", "50")
            .With("Pool:EjectionSeconds", "0.5")
            .With("Pool:MaxEjectionSeconds", "2")
            .With("Pool:PingSeconds", "0.2")
            .ToConfiguration();
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var builder = new InProcessTestClusterBuilder(1);
        var logDirectory = Environment.GetEnvironmentVariable("COLLECTORLB_TEST_LOGS");
        builder.ConfigureSiloHost((siloOptions, host) =>
        {
            siloOptions.SiloName = HostId; // TestingHost names the silo after the set-up below does: the same name
            if (logDirectory is not null)
            {
                Directory.CreateDirectory(logDirectory);
                host.Logging.AddProvider(new FileLoggerProvider(Path.Combine(logDirectory, $"{Path.GetFileName(_root.Path)}.log")));
            }

            host.Logging.AddProvider(Log);
            host.Logging.AddFilter<CapturingLoggerProvider>((category, _) => category?.StartsWith("CollectorLb", StringComparison.Ordinal) == true);
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddCollectorLbServices(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCollectorLbSiloServices();
            silo.Configure<Orleans.Hosting.ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            options.ConfigureSilo?.Invoke(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }
}
