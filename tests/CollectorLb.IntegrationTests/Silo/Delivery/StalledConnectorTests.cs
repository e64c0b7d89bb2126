using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Delivery;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Silo.Delivery;

public sealed class StalledConnectorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConnectorStallingAfter200HeadersAndHalfItsJson_TheHealthyOneDeliversEveryFile_AndEverySlotAndLeaseComesBack()
    {
        await using var stalling = new RawTcpConnector(RawBehavior.StallAfterPartialJson);
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorCount = 1,
            Settings = new Dictionary<string, string?>
            {
                ["CollectorLb:Upload:TimeoutSeconds"] = "2",
                // Each connector in turn: the stalling one surely gets files.
                ["CollectorLb:Pool:Policy"] = "round-robin",
            },
        });
        harness.Registry!.Register("stalling", stalling.Url);
        var pool = harness.Client.GetGrain<IConnectorPoolGrain>(harness.RegistryUrl);
        await Eventually.TrueAsync(async () => (await pool.GetSnapshot()).Connectors.Count == 2, "the pool lists the stalling connector");
        var watch = Stopwatch.StartNew();

        var files = harness.DropFiles(6);
        await harness.WaitUntilDeliveredAsync(files);

        output.WriteLine($"6 files delivered in {watch.Elapsed.TotalSeconds:F1} s; the stalling connector read {stalling.Received.Count(r => r.Complete)} whole bodies");
        Assert.Contains(stalling.Received, r => r.Complete);
        var healthy = harness.Connectors[0];
        Assert.Equal(files.Keys.Order(), healthy.Received.Select(r => r.FileName).Order());
        Assert.All(healthy.Received, r => Assert.Equal(files[r.FileName], r.Sha256Hex));
        var gate = harness.SiloServices.GetRequiredService<UploadGate>();
        await Eventually.TrueAsync(() => gate.InFlight == 0, () => $"{gate.InFlight} uploads in flight");
        var leases = -1;
        await Eventually.TrueAsync(async () => (leases = (await pool.GetSnapshot()).LeasesOutstanding) == 0, () => $"{leases} leases outstanding");
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => $"{harness.FilesOnDisk().Count} files on disk");
    }
}
