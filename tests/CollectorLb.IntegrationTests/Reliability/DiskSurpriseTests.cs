using CollectorLb.Abstractions.ClusterView;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

public class DiskSurpriseTests
{
    [Fact]
    public async Task ClaimedFileRemovedBySomeoneElse_IsReportedInQuarantineAndTheSiloGoesOn()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { ConnectorModes = [ConnectorMode.Fail500, ConnectorMode.Fail500] });
        harness.DropFiles(1);
        await Eventually.TrueAsync(() => harness.Connectors.Sum(c => c.RequestCount) >= 1, () => "first attempt failed");

        File.Delete(harness.SpooledFiles().Single());

        await Eventually.TrueAsync(() => harness.Quarantined().Count == 1, () => "reported");
        var record = harness.Quarantined().Single();
        Assert.Contains("disappeared", record.Reason);
        Assert.Null(record.Path);

        harness.Connectors[0].Mode = ConnectorMode.Success;
        var next = harness.DropFiles(3, prefix: "nfcapd.20261127050");
        await harness.WaitUntilDeliveredAsync(next);
    }

    [Fact]
    public async Task FileDeletedBySomeoneElseDuringItsUpload_StillArrivesWholeAndTheSpoolEndsClean()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { ConnectorCount = 1, ConnectorModes = [ConnectorMode.Slow] });
        var connector = harness.Connectors[0];
        connector.Delay = TimeSpan.FromSeconds(1);
        var files = harness.DropFiles(1);
        await Eventually.TrueAsync(() => connector.InFlight == 1, () => "upload running");

        // The upload holds the file open, so its bytes stay readable after the name is gone.
        File.Delete(harness.SpooledFiles().Single());

        await harness.WaitUntilDeliveredAsync(files);
        Assert.Equal(files.Values.Single(), connector.Received.Single().Sha256Hex);
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => string.Join(", ", harness.FilesOnDisk()));

        // Its claim ended too: a claim counted forever would shrink the room the watcher claims into.
        await Eventually.TrueAsync(async () => (await harness.Client.GetClusterView().GetOverview()).Backlog == 0, "the backlog back to 0");
    }

    [Fact]
    public async Task FileTruncatedDuringItsUpload_IsNotCountedAsDeliveredAndEndsInQuarantineAsTorn()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorCount = 1,
            ConnectorModes = [ConnectorMode.Slow],
            Settings = new Dictionary<string, string?> { ["CollectorLb:Upload:TimeoutSeconds"] = "30" },
        });
        var connector = harness.Connectors[0];
        connector.Delay = TimeSpan.FromSeconds(1);
        var content = FlowFiles.Sample(FlowFiles.LargeSample);
        var big = new byte[64 * 1024 * 1024];
        content.CopyTo(big, 0);
        FlowFiles.RenameInto(harness.FlowDirectory, "nfcapd.202611270500", big);
        await Eventually.TrueAsync(() => connector.InFlight == 1, () => "upload running");

        using (var file = new FileStream(harness.SpooledFiles().Single(), FileMode.Open, FileAccess.Write))
        {
            file.SetLength(1000);
        }

        connector.Mode = ConnectorMode.Success;
        await Eventually.TrueAsync(() => harness.Quarantined().Count == 1, () => $"quarantined; received {connector.Received.Count}");
        Assert.Empty(connector.Received);
        Assert.Contains("torn", harness.Quarantined().Single().Reason);
    }
}
