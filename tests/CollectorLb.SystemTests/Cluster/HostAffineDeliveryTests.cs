using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Placement;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Cluster;

public class HostAffineDeliveryTests
{
    [Fact]
    public async Task ThreeHostsWithRedisMembership_FilesInEveryDirectory_AllDeliveredEachGrainOnItsOwnHostsSilo()
    {
        await using var harness = await RedisClusterHarness.StartAsync(hostCount: 3);
        foreach (var host in harness.Hosts)
        {
            harness.DropFiles(host, 15);
        }

        await harness.WaitUntilDeliveredAsync(harness.Hosts);

        // What each grain said of itself when it deleted its file (the record goes with the file).
        var deleted = await harness.CallAsync(client => client.GetClusterView().GetFiles(new FileQuery { Status = FileStatus.Deleted, Limit = 1000 }));
        foreach (var host in harness.Hosts)
        {
            var silo = harness.SiloOf(host)!;
            foreach (var (name, sha256) in host.Dropped)
            {
                var received = Assert.Single(harness.AllReceived, r => r.FileName == name);
                Assert.Equal(sha256, received.Sha256Hex);
                var key = RedisClusterHarness.FileKeyOf(received);
                Assert.StartsWith(host.HostId + "/", key);

                // The grain ran where placement put it: the silo of the host in its key.
                var final = Assert.Single(deleted.Items, f => f.Key == key);
                Assert.Equal(silo.SiloAddress.ToString(), final.ActivationSilo);
                var snapshot = await harness.SnapshotAsync(key);
                Assert.Equal(silo.SiloAddress.ToString(), snapshot.ActivationSilo);
            }

            await Eventually.TrueAsync(() => host.FilesOnDisk().Count == 0, () => string.Join(", ", host.FilesOnDisk()));
        }

        Assert.All(harness.Connectors, c => Assert.NotEmpty(c.Received));
    }

    [Fact]
    public async Task PodNamedSilos_HostIdInSiloMetadata_GrainsPlacedByHostAndUnknownHostRefused()
    {
        await using var harness = await RedisClusterHarness.StartAsync(hostCount: 2, naming: SiloNaming.ByPod);
        foreach (var host in harness.Hosts)
        {
            harness.DropFiles(host, 5);
        }

        await harness.WaitUntilDeliveredAsync(harness.Hosts);

        foreach (var host in harness.Hosts)
        {
            var silo = harness.SiloOf(host)!;
            Assert.NotEqual(host.HostId, silo.Name);
            foreach (var name in host.Dropped.Keys)
            {
                var key = RedisClusterHarness.FileKeyOf(Assert.Single(harness.AllReceived, r => r.FileName == name));
                var snapshot = await harness.SnapshotAsync(key);
                Assert.Equal(silo.SiloAddress.ToString(), snapshot.ActivationSilo);
            }
        }

        var refused = await Assert.ThrowsAsync<HostSiloUnavailableException>(
            () => harness.SnapshotAsync("host-z/1/nfcapd.202611270000"));
        Assert.Equal("host-z", refused.HostId);
        Assert.Contains("host-z", refused.Message);
    }
}
