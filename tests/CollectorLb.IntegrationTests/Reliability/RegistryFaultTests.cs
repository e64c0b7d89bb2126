using CollectorLb.DevServices.Registry;
using CollectorLb.Testing.Harnesses;

namespace CollectorLb.IntegrationTests.Reliability;

public class RegistryFaultTests
{
    [Fact]
    public async Task RegistryMisbehavingAfterAGoodAnswer_FilesKeepFlowingToTheLastGoodList()
    {
        await using var harness = await CollectorHarness.StartAsync();
        var warmUp = harness.DropFiles(2, prefix: "nfcapd.20261127040");
        await harness.WaitUntilDeliveredAsync(warmUp);

        var round = 1;
        foreach (var behavior in new[] { RegistryBehavior.Fail500, RegistryBehavior.NotJson, RegistryBehavior.HugeBody, RegistryBehavior.Slow, RegistryBehavior.Empty })
        {
            harness.Registry!.Behavior = behavior;
            var files = harness.DropFiles(5, prefix: $"nfcapd.2026112704{round++}");
            await harness.WaitUntilDeliveredAsync(files);
        }

        await harness.Registry!.DisposeAsync();
        var whileDown = harness.DropFiles(5, prefix: "nfcapd.20261127049");
        await harness.WaitUntilDeliveredAsync(whileDown);
        Assert.Equal(32, harness.AllReceived.Count());
    }
}
