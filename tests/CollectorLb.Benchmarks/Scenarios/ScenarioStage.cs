using CollectorLb.Benchmarks.Rig;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Silos;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>
/// The stage a scenario plays on: a work folder (source files and flow directory on one filesystem, so drops are
/// renames), the DevServices registry and connectors, and the silo process when started. The connectors keep what
/// they keep in memory (tmpfs): real ones write on their own hosts, and their file churn on the silo's filesystem
/// would slow its inode allocation (and the ceiling's less, as it runs on a fresher filesystem).
/// </summary>
internal sealed class ScenarioStage : IAsyncDisposable
{
    private readonly WorkDirectory _work;
    private readonly WorkDirectory _connectorsWork;
    private int _batch;

    private ScenarioStage(WorkDirectory work, WorkDirectory connectorsWork, ConnectorRig rig)
    {
        _work = work;
        _connectorsWork = connectorsWork;
        Rig = rig;
        FlowDirectory = work.Folder("netflows");
    }

    public ConnectorRig Rig { get; }

    public string FlowDirectory { get; }

    public SiloProcess? Silo { get; private set; }

    public static async Task<ScenarioStage> StartAsync(string name, IReadOnlyList<ConnectorSpec> connectors)
    {
        var work = new WorkDirectory(name);
        var connectorsWork = new WorkDirectory(name + "-connectors", inMemory: true);
        try
        {
            return new ScenarioStage(work, connectorsWork, await ConnectorRig.StartAsync(connectorsWork.Path, connectors));
        }
        catch
        {
            connectorsWork.Dispose();
            work.Dispose();
            throw;
        }
    }

    /// <summary><paramref name="count"/> small (or <paramref name="sizeBytes"/>) files staged under hidden names in the flow directory.</summary>
    public IReadOnlyList<string> MakeFiles(int count, long sizeBytes = ScenarioSize.SmallFileBytes) =>
        FlowFileFactory.Write(FlowDirectory, $"2026{++_batch:D2}", count, sizeBytes);

    /// <summary>Waits until the silo removed every acknowledged file; false when some are still there after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitUntilDiskEmptyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (FilesLeftOnDisk() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public IReadOnlyList<string> MakeRealFlowFiles(int count) =>
        FlowFileFactory.WriteRealFlows(FlowDirectory, $"2026{++_batch:D2}", count);

    /// <summary>
    /// Starts the silo (replacing a running one) and delivers warm-up files through it: <paramref name="warmUp"/>, or
    /// <see cref="ScenarioSize.WarmUpFiles"/> small files when null. An empty list starts it cold.
    /// </summary>
    public async Task<SiloProcess> StartSiloAsync(ScenarioSize size, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? warmUp = null)
    {
        await StopSiloAsync();
        warmUp ??= MakeFiles(size.WarmUpFiles);
        Silo = await LaunchSiloAsync(_work.Folder($"silo-{++_batch}"), settings ?? new Dictionary<string, string>());
        if (warmUp.Count > 0)
        {
            await DeliverAllAtOnceAsync(warmUp, size.Timeout);
        }

        return Silo;
    }

    public async Task StopSiloAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
            Silo = null;
        }
    }

    /// <summary>Renames every file into the flow directory at once and waits until all are acknowledged.</summary>
    public async Task<DeliveryTracker> DeliverAllAtOnceAsync(IReadOnlyList<string> paths, TimeSpan timeout)
    {
        var tracker = Rig.Track(new DeliveryTracker(paths.Count));
        FileDropper.DropAll(paths, tracker);
        await tracker.WaitAsync(timeout, Describe);
        return tracker;
    }

    /// <summary>Renames files in at a steady rate and waits until all are acknowledged.</summary>
    public async Task<DeliveryTracker> DeliverPacedAsync(IReadOnlyList<string> paths, double filesPerSecond, TimeSpan timeout)
    {
        var tracker = Rig.Track(new DeliveryTracker(paths.Count));
        await FileDropper.DropPacedAsync(paths, filesPerSecond, tracker);
        await tracker.WaitAsync(timeout, Describe);
        return tracker;
    }

    /// <summary>Flow files still in the flow directory or its spool (staged files not counted).</summary>
    public int FilesLeftOnDisk() => Directory.EnumerateFiles(FlowDirectory, "*", SearchOption.AllDirectories)
        .Count(path => !Path.GetFileName(path).StartsWith(FlowFileFactory.StagedPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await StopSiloAsync();
        await Rig.DisposeAsync();
        _connectorsWork.Dispose();
        _work.Dispose();
    }

    private string Describe() => Silo is null ? "No silo running." : $"Files on disk: {FilesLeftOnDisk()}. Silo log ends:\n{Silo.OutputTail()}";

    /// <summary>
    /// The built silo as its own process (so its memory can be read honestly from /proc) on the silo's defaults plus
    /// <paramref name="settings"/>, its console in a log file; returns once /healthz answers.
    /// </summary>
    private async Task<SiloProcess> LaunchSiloAsync(string workDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var httpPort = FreePorts.Tcp();
        var environment = new SiloSettings("bench")
            .WithPorts(httpPort)
            .WithRegistry(Rig.Registry.Port)
            .WithFlowDirectory(FlowDirectory)
            .With(settings)
            .ToEnvironment();
        var silo = SiloProcess.Start(workDirectory, environment, logPath: Path.Combine(workDirectory, "silo.log"));
        try
        {
            await silo.WaitUntilHealthyAsync(httpPort, TimeSpan.FromSeconds(60));
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }
}
