using CollectorLb.Abstractions.Connectors;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Silo.Registry;

public sealed class StalledRegistryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RegistryStallingMidAnswer_ThePoolKeepsItsLastListAndFilesFlow_ThenRefreshesOnceItAnswersAgain()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { StartRegistry = false });
        await using var registry = new RawTcpRegistry(harness.RegistryPort)
        {
            Listing = harness.Connectors.ToDictionary(c => c.Name, c => c.Url),
        };
        var pool = harness.Client.GetGrain<IConnectorPoolGrain>(harness.RegistryUrl);
        await Eventually.TrueAsync(async () => (await pool.GetSnapshot()).Connectors.Count == 2, "the pool read the list");
        var before = harness.DropFiles(3, "nfcapd.2026120307");
        await harness.WaitUntilDeliveredAsync(before);

        registry.Behavior = RawBehavior.StallAfterPartialJson;
        var watch = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await pool.GetSnapshot()).RegistryError is not null, "a stalled refresh ended as a failure");
        output.WriteLine($"the first refresh failed {watch.Elapsed.TotalSeconds:F1} s after the registry began stalling (1 s per try, 3 s in all, refresh every 1 s)");
        var stalled = await pool.GetSnapshot();
        Assert.Equal(["connector-1", "connector-2"], stalled.Connectors.Select(c => c.Name).Order());

        var during = harness.DropFiles(3, "nfcapd.2026120308");
        await harness.WaitUntilDeliveredAsync(during);

        registry.Behavior = RawBehavior.Answer;
        await Eventually.TrueAsync(
            async () => await pool.GetSnapshot() is { RegistryError: null, RegistryAnsweredAt: { } answeredAt } && answeredAt > stalled.RegistryAnsweredAt,
            "the pool read the list again");
        Assert.Equal(2, (await pool.GetSnapshot()).Connectors.Count);
        Assert.All(harness.AllReceived, r => Assert.Equal(before.GetValueOrDefault(r.FileName) ?? during[r.FileName], r.Sha256Hex));
    }
}
