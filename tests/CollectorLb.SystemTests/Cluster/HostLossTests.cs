using CollectorLb.DevServices.Connector;
using CollectorLb.Grains.Placement;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Cluster;

public class HostLossTests
{
    [Fact]
    public async Task OneSiloStoppedMidRun_OthersKeepDelivering_ItsFilesWaitAndAreDeliveredWhenItReturnsUnderTheSameName()
    {
        await using var harness = await RedisClusterHarness.StartAsync(hostCount: 3);
        var (a, b, c) = (harness.Hosts[0], harness.Hosts[1], harness.Hosts[2]);
        foreach (var host in harness.Hosts)
        {
            harness.DropFiles(host, 5);
        }

        await harness.WaitUntilDeliveredAsync(harness.Hosts);
        var cKeyBefore = RedisClusterHarness.FileKeyOf(harness.AllReceived.First(r => c.Dropped.ContainsKey(r.FileName)));

        await harness.StopHostAsync(c);
        var waiting = c.Dropped.Count;
        foreach (var host in harness.Hosts)
        {
            harness.DropFiles(host, 10);
        }

        await harness.WaitUntilDeliveredAsync([a, b]);
        var cNewFiles = c.Dropped.Keys.Skip(waiting).ToList();
        Assert.DoesNotContain(cNewFiles, harness.IsDelivered);
        Assert.Equal(cNewFiles.Count, c.FilesOnDisk().Count);

        // Its grains are refused elsewhere rather than activated where the files cannot be seen.
        await Assert.ThrowsAsync<HostSiloUnavailableException>(() => harness.SnapshotAsync(cKeyBefore));

        var returned = await harness.StartHostAsync(c);
        Assert.Equal(c.HostId, returned.Name);
        await harness.WaitUntilDeliveredAsync([c]);

        foreach (var host in harness.Hosts)
        {
            foreach (var (name, sha256) in host.Dropped)
            {
                var received = Assert.Single(harness.AllReceived, r => r.FileName == name);
                Assert.Equal(sha256, received.Sha256Hex);
                var snapshot = await harness.SnapshotAsync(RedisClusterHarness.FileKeyOf(received));
                Assert.Equal(harness.SiloOf(host)!.SiloAddress.ToString(), snapshot.ActivationSilo);
            }

            await Eventually.TrueAsync(() => host.FilesOnDisk().Count == 0, () => $"{host.HostId}: {string.Join(", ", host.FilesOnDisk())}");
        }
    }

    [Fact]
    public async Task SiloHostingThePoolKilled_DeliveryContinuesAfterReactivation_InFlightReturnsToZero()
    {
        await using var harness = await RedisClusterHarness.StartAsync(hostCount: 3, naming: SiloNaming.ByPod);
        foreach (var host in harness.Hosts)
        {
            harness.DropFiles(host, 3);
        }

        await harness.WaitUntilDeliveredAsync(harness.Hosts);
        var management = harness.Client.GetGrain<IManagementGrain>(0);
        var poolSilo = await harness.CallAsync(_ => management.GetActivationAddress(harness.Pool).AsTask())
            ?? throw new InvalidOperationException("The pool has no activation after deliveries.");
        var lost = harness.HostOf(harness.RunningSilos.Single(s => s.SiloAddress.Equals(poolSilo)));
        var survivors = harness.Hosts.Where(h => h != lost).ToList();

        // Uploads are slow, so files are in flight (leased) when the pool's silo crashes.
        foreach (var connector in harness.Connectors)
        {
            connector.Delay = TimeSpan.FromMilliseconds(300);
            connector.Mode = ConnectorMode.Slow;
        }

        foreach (var host in harness.Hosts)
        {
            harness.DropFiles(host, 10);
        }

        await Eventually.TrueAsync(() => harness.Connectors.Sum(c => c.InFlight) > 0, "uploads in flight");
        await harness.StopHostAsync(lost, kill: true);
        foreach (var host in survivors)
        {
            harness.DropFiles(host, 5);
        }

        await harness.WaitUntilDeliveredAsync(survivors, TimeSpan.FromSeconds(90));
        var reactivatedOn = await harness.CallAsync(_ => management.GetActivationAddress(harness.Pool).AsTask());
        Assert.NotNull(reactivatedOn);
        Assert.NotEqual(poolSilo, reactivatedOn);

        // The lost host's files are delivered once it is back; then nothing is leased any more.
        await harness.StartHostAsync(lost);
        await harness.WaitUntilDeliveredAsync(harness.Hosts, TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(
            async () => (await harness.CallAsync(_ => harness.Pool.GetSnapshot())) is { LeasesOutstanding: 0 } pool && pool.Connectors.All(c => c.InFlight == 0 && c.InFlightBytes == 0),
            "the pool's leases and in-flight counts are back to zero");
        foreach (var host in harness.Hosts)
        {
            Assert.All(host.Dropped, file => Assert.Contains(harness.AllReceived, r => r.FileName == file.Key && r.Sha256Hex == file.Value));
            await Eventually.TrueAsync(() => host.FilesOnDisk().Count == 0, () => $"{host.HostId}: {string.Join(", ", host.FilesOnDisk())}");
        }
    }
}
