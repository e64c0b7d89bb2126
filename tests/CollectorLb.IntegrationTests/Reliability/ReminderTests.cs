using CollectorLb.Abstractions.Files;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

public class ReminderTests
{
    [Fact]
    public async Task HealthyRun_10000Files_NeverHasAReminderRow()
    {
        await using var harness = await CollectorHarness.StartAsync();
        var mostRowsSeen = 0;
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                mostRowsSeen = Math.Max(mostRowsSeen, await harness.ReminderRowsAsync());
                await Task.Delay(20);
            }
        });

        var files = harness.DropFiles(10_000);
        await harness.WaitUntilDeliveredAsync(files, TimeSpan.FromMinutes(5));
        await stop.CancelAsync();
        await sampling;

        Assert.Equal(10_000, harness.AllReceived.Count());
        Assert.Equal(0, mostRowsSeen);
        Assert.Equal(0, await harness.ReminderRowsAsync());
    }

    [Fact]
    public async Task FailingFile_GetsAReminderThatIsRemovedWhenItIsDelivered()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { ConnectorModes = [ConnectorMode.Fail500, ConnectorMode.Fail500] });
        var files = harness.DropFiles(1);

        await Eventually.TrueAsync(async () => await harness.ReminderRowsAsync() == 1, () => "reminder registered after the first failure");

        harness.Connectors[0].Mode = ConnectorMode.Success;
        await harness.WaitUntilDeliveredAsync(files);
        await Eventually.TrueAsync(async () => await harness.ReminderRowsAsync() == 0, () => "reminder removed once delivered");
    }

    [Fact]
    public async Task StuckFileWhoseGrainWasDeactivated_IsBroughtBackByItsReminder()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorModes = [ConnectorMode.Fail500, ConnectorMode.Fail500],
            Settings = new Dictionary<string, string?> { ["CollectorLb:Delivery:StuckFileReminderSeconds"] = "1" },
        });
        var files = harness.DropFiles(1);
        await Eventually.TrueAsync(async () => await harness.ReminderRowsAsync() == 1, () => "reminder registered");
        var key = SpooledFileKey.Of(CollectorHarness.HostId, harness.SpooledFiles().Single());
        var grain = harness.Client.GetGrain<IFileGrain>(key.ToString());

        // Nothing keeps the file going but its reminder: the activation (and its retry timer) is gone.
        await harness.Cluster.DeactivateAsync(grain);
        await harness.Cluster.WaitForDeactivationAsync(grain);
        harness.Connectors[1].Mode = ConnectorMode.Success;

        await harness.WaitUntilDeliveredAsync(files);
        await Eventually.TrueAsync(async () => await harness.ReminderRowsAsync() == 0, () => "reminder removed");
    }
}
