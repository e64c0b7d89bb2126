using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Pipeline;

public class GrainDeactivationTests
{
    [Fact]
    public async Task FileGrainDeactivatedByTheRuntimeMidUpload_IsBroughtBackByTheRescan_AndTheFileDelivered()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorCount = 1,
            ConnectorModes = [ConnectorMode.Hang],
        });
        var files = harness.DropFiles(1);
        var connector = harness.Connectors[0];
        await Eventually.TrueAsync(() => connector.InFlight == 1, "the upload is under way");
        var key = SpooledFileKey.Of(CollectorHarness.HostId, harness.SpooledFiles().Single()).ToString();

        // As when the silo holding its directory entry dies: the activation goes away with the file half sent.
        await harness.Cluster.DeactivateAsync(harness.Client.GetGrain<IFileGrain>(key));
        connector.Mode = ConnectorMode.Success;

        await harness.WaitUntilDeliveredAsync(files);
        var recent = await harness.Client.GetClusterView().GetFiles(new FileQuery { Status = FileStatus.Deleted });
        Assert.Contains(recent.Items, f => f.Key == key);
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => string.Join(", ", harness.FilesOnDisk()));
    }
}
