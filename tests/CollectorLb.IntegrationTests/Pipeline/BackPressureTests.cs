using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Harnesses;

namespace CollectorLb.IntegrationTests.Pipeline;

public class BackPressureTests
{
    [Fact]
    public async Task MoreFilesThanTheSpoolTakes_WaitUnclaimedOnDiskAndAreAllDeliveredOldestFirst()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorModes = [ConnectorMode.Slow, ConnectorMode.Slow],
            Settings = new Dictionary<string, string?> { ["CollectorLb:Watcher:MaxClaimedFiles"] = "8" },
        });
        harness.Connectors.ForEach(c => c.Delay = TimeSpan.FromMilliseconds(20));
        var mostClaimed = 0;
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                mostClaimed = Math.Max(mostClaimed, harness.SpooledFiles().Count);
                await Task.Delay(5);
            }
        });

        var files = harness.DropFiles(120);
        await harness.WaitUntilDeliveredAsync(files);
        await stop.CancelAsync();
        await sampling;

        Assert.InRange(mostClaimed, 1, 8);
        Assert.Equal(120, harness.AllReceived.Count());
        var order = harness.AllReceived.OrderBy(r => r.ReceivedAt).Select(r => r.FileName).ToList();
        Assert.True(order.IndexOf(files.Keys.Min()!) < order.IndexOf(files.Keys.Max()!), "the newest file went before the oldest");
    }
}
