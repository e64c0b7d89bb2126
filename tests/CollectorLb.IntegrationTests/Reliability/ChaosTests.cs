using CollectorLb.DevServices.Registry;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

public class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ChaosRun_2000Files_FlakyConnectorsFlappingRegistryAndOneConnectorRemoved_EveryFileDelivered()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorCount = 3,
            FailureRate = 0.2,
            HangLimit = TimeSpan.FromSeconds(2),
            Settings = new Dictionary<string, string?>
            {
                ["CollectorLb:Upload:TimeoutSeconds"] = "1",
                ["CollectorLb:Delivery:MaxAttempts"] = "30",
                ["CollectorLb:Pool:RegistryRefreshSeconds"] = "0.2",
            },
        });
        using var stop = new CancellationTokenSource();
        var flapping = Task.Run(async () =>
        {
            var behaviors = new[] { RegistryBehavior.Fail500, RegistryBehavior.Normal, RegistryBehavior.NotJson, RegistryBehavior.Normal, RegistryBehavior.Slow, RegistryBehavior.Normal };
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                harness.Registry!.Behavior = behaviors[i % behaviors.Length];
                await Task.Delay(300);
            }

            harness.Registry!.Behavior = RegistryBehavior.Normal;
        });

        var files = harness.DropFiles(2000);
        await Eventually.TrueAsync(() => harness.AllReceived.Count() >= 500, () => $"{harness.AllReceived.Count()} delivered", TimeSpan.FromMinutes(3));
        var removed = harness.Connectors[2];
        harness.Registry!.Unregister(removed.Name);
        await removed.DisposeAsync();

        await harness.WaitUntilDeliveredAsync(files, TimeSpan.FromMinutes(5));
        await stop.CancelAsync();
        await flapping;

        var received = harness.AllReceived.ToList();
        Assert.Equal(files.Keys.Order(), received.Select(r => r.FileName).Distinct().Order());
        Assert.All(received, r => Assert.Equal(files[r.FileName], r.Sha256Hex));
        Assert.Empty(harness.Quarantined());
        output.WriteLine($"chaos: files 2000, delivered {received.Select(r => r.FileName).Distinct().Count()}, uploads acknowledged {received.Count}, duplicates {received.Count - received.Select(r => r.FileName).Distinct().Count()}, requests {harness.Connectors.Sum(c => c.RequestCount)}, quarantined 0");
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => $"{harness.FilesOnDisk().Count} files on disk");
    }
}
