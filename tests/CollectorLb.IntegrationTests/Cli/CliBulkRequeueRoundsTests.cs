using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Cli;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Cli;

public sealed class CliBulkRequeueRoundsTests : IAsyncLifetime
{
    /// <summary>More than a host's batch (1,000), so the walk takes three rounds and carries its continuation twice.</summary>
    private const int Files = 2100;

    private CollectorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CollectorHarness.StartAsync();

    public Task DisposeAsync() => _harness.DisposeAsync().AsTask();

    [Fact]
    public async Task RequeueAll_MoreFilesThanABatch_RunsSeveralRounds_AndReleasesEachFileExactlyOnce()
    {
        for (var i = 0; i < Files; i++)
        {
            FlowFiles.RenameInto(_harness.FlowDirectory, $"nfcapd.2026112{i:D5}", "this is not an nfcapd file"u8.ToArray());
        }

        await Eventually.TrueAsync(() => Sidecars() == Files && _harness.SpooledFiles().Count == 0, () => $"{Sidecars()} of {Files} quarantined");

        // Unrepaired, each released file fails its check again and returns to quarantine under its own name, behind the
        // walk's cursor: the walk must not meet it twice.
        var run = await InProcessCli.RunAsync(_harness.Client, "requeue", "--all");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains($"{Files} files requeued, 0 refused", run.Output);
        Assert.Equal(2, run.Error.Split('\n').Count(l => l.EndsWith("requeued so far", StringComparison.Ordinal)));
        var overview = await _harness.Client.GetClusterView().GetOverview();
        Assert.Equal(Files, overview.Totals.FilesRequeued);
    }

    private int Sidecars() =>
        Directory.Exists(_harness.QuarantineDirectory) ? Directory.EnumerateFiles(_harness.QuarantineDirectory, "*.json").Count() : 0;
}
