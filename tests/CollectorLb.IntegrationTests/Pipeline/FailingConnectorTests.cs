using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Pipeline;

public class FailingConnectorTests
{
    [Theory]
    [InlineData(ConnectorMode.Error)]
    [InlineData(ConnectorMode.Fail500)]
    [InlineData(ConnectorMode.Hang)]
    [InlineData(ConnectorMode.SuccessButErrorResult)]
    [InlineData(ConnectorMode.NotJson)]
    [InlineData(ConnectorMode.Redirect)]
    [InlineData(ConnectorMode.ResetMidBody)]
    public async Task OneConnectorFailing_EveryFileIsDeliveredByTheOther(ConnectorMode failure)
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { ConnectorModes = [failure, ConnectorMode.Success] });
        var failing = harness.Connectors[0];
        var healthy = harness.Connectors[1];

        var files = harness.DropFiles(10);
        await harness.WaitUntilDeliveredAsync(files);

        Assert.True(failing.RequestCount > 0, "the failing connector was never tried");
        Assert.Equal(files.Keys.Order(), healthy.Received.Select(r => r.FileName).Order());
        Assert.All(healthy.Received, r => Assert.Equal(files[r.FileName], r.Sha256Hex));
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => $"{harness.FilesOnDisk().Count} files on disk");
    }

    [Fact]
    public async Task ConnectorAnsweringSuccessAfterTheTimeout_DoesNotCountAsDelivered()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorModes = [ConnectorMode.Slow, ConnectorMode.Success],
            Settings = new Dictionary<string, string?> { ["CollectorLb:Upload:TimeoutSeconds"] = "0.5" },
        });
        var late = harness.Connectors[0];
        late.Delay = TimeSpan.FromSeconds(2);

        var files = harness.DropFiles(10);
        await harness.WaitUntilDeliveredAsync(files);

        Assert.True(late.RequestCount > 0, "the late connector was never tried");
        await harness.AssertEachDeliveredOnceOrCountedAsync(files, harness.Connectors[1].Received);
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => $"{harness.FilesOnDisk().Count} files on disk");
    }

    [Fact]
    public async Task EveryConnectorFailing_FilesStayOnDiskUntilOneRecovers()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { ConnectorModes = [ConnectorMode.Fail500, ConnectorMode.Error] });

        var files = harness.DropFiles(3);
        await Eventually.TrueAsync(
            () => harness.Connectors.All(c => c.RequestCount >= 3),
            () => $"requests: {string.Join(", ", harness.Connectors.Select(c => c.RequestCount))}");

        Assert.Equal(3, harness.SpooledFiles().Count);
        Assert.Empty(harness.AllReceived);

        harness.Connectors[1].Mode = ConnectorMode.Success;
        await harness.WaitUntilDeliveredAsync(files);
        Assert.All(harness.AllReceived, r => Assert.Equal(files[r.FileName], r.Sha256Hex));
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => $"{harness.FilesOnDisk().Count} files on disk");
    }

    [Fact]
    public async Task FileFailedOnce_RecentFilesSayWhenItsNextAttemptComes()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { ConnectorCount = 1, ConnectorModes = [ConnectorMode.Fail500] });

        harness.DropFiles(1);

        IReadOnlyList<FileSnapshot> listed = [];
        await Eventually.TrueAsync(
            async () =>
            {
                listed = (await harness.Client.GetClusterView().GetFiles(new FileQuery())).Items;
                return listed.Any(f => f.Attempts >= 1 && f.NextAttemptAt > f.Timeline.LastAttemptAt);
            },
            () => "the failed file listed with the time of its next attempt; listed: " + string.Join("; ", listed));
    }
}
