using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Pipeline;

public class RegistryAvailabilityTests
{
    [Fact]
    public async Task RegistryDownAtStartAndUp10SecondsLater_EveryFileIsDelivered()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { StartRegistry = false });
        var files = harness.DropFiles(20);

        // The scenario: the registry stays down for 10 s while files keep waiting on disk.
        await Task.Delay(TimeSpan.FromSeconds(10));
        Assert.Empty(harness.AllReceived);
        Assert.Equal(20, harness.FilesOnDisk().Count);

        await harness.StartRegistryAsync();

        await harness.WaitUntilDeliveredAsync(files);
        Assert.Equal(20, harness.AllReceived.Count());
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => $"{harness.FilesOnDisk().Count} files on disk");
    }

    [Fact]
    public async Task RegistryWithoutServicesRoute_FilesAreDeliveredThroughTarget()
    {
        await using var harness = await CollectorHarness.StartAsync();
        harness.Registry!.Behavior = CollectorLb.DevServices.Registry.RegistryBehavior.ServicesNotServed;

        var files = harness.DropFiles(10);

        await harness.WaitUntilDeliveredAsync(files);
        Assert.All(harness.Connectors, c => Assert.NotEmpty(c.Received));
    }
}
