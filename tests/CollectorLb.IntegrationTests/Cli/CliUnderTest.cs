using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Cli;

/// <summary>
/// A TestingHost cluster (the collector's real services, DevServices connectors) with files delivered and one
/// quarantined, and <c>collectorlb</c> run in this process against it through the cluster's client.
/// </summary>
public sealed class CliUnderTest : IAsyncLifetime
{
    public const string QuarantinedName = "nfcapd.202611279900";

    public CollectorHarness Harness { get; private set; } = null!;

    public Dictionary<string, string> Delivered { get; private set; } = [];

    public string QuarantineDirectory => Harness.QuarantineDirectory;

    public async Task InitializeAsync()
    {
        Harness = await CollectorHarness.StartAsync();
        Delivered = Harness.DropFiles(4, prefix: "nfcapd.2026112705");
        await Harness.WaitUntilDeliveredAsync(Delivered);
        FlowFiles.RenameInto(Harness.FlowDirectory, QuarantinedName, "not a flow file"u8.ToArray());
        await Harness.WaitUntilQuarantinedAsync(QuarantinedName);
        await Eventually.TrueAsync(() => Harness.FilesOnDisk().Count == 2, () => $"only the quarantined file and its sidecar are left: {string.Join(", ", Harness.FilesOnDisk())}");
    }

    public Task<CliRun> RunAsync(params string[] args) => InProcessCli.RunAsync(Harness.Client, args);

    public Task DisposeAsync() => Harness.DisposeAsync().AsTask();
}
