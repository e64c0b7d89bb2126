using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;
using StackExchange.Redis;

namespace CollectorLb.SystemTests.Cluster;

public class ClusterRestartTests
{
    [Fact]
    public async Task EverySiloCrashedWithFilesMidFlight_AfterRestartAllDelivered_StateKeptInRedis()
    {
        await using var harness = await RedisClusterHarness.StartAsync(hostCount: 2);

        // Connectors that never answer: every file is claimed, leased and mid-upload when the whole cluster dies.
        foreach (var connector in harness.Connectors)
        {
            connector.Mode = ConnectorMode.Hang;
        }

        foreach (var host in harness.Hosts)
        {
            harness.DropFiles(host, 4);
        }

        var fileCount = harness.Hosts.Sum(h => h.Dropped.Count);
        await Eventually.TrueAsync(() => harness.Connectors.Sum(c => c.RequestCount) >= fileCount, "every file's upload started");
        foreach (var host in harness.Hosts)
        {
            await harness.StopHostAsync(host, kill: true);
        }

        Assert.Empty(harness.AllReceived);
        Assert.All(harness.Hosts, host => Assert.Equal(host.Dropped.Count, host.FilesOnDisk().Count));
        foreach (var connector in harness.Connectors)
        {
            connector.Mode = ConnectorMode.Success;
        }

        foreach (var host in harness.Hosts)
        {
            await harness.StartHostAsync(host);
        }

        await harness.WaitUntilDeliveredAsync(harness.Hosts, TimeSpan.FromSeconds(90));
        var deleted = await harness.CallAsync(client => client.GetClusterView().GetFiles(new FileQuery { Status = FileStatus.Deleted, Limit = 1000 }));
        foreach (var host in harness.Hosts)
        {
            foreach (var (name, sha256) in host.Dropped)
            {
                var received = harness.AllReceived.Where(r => r.FileName == name).ToList();
                Assert.NotEmpty(received);
                Assert.All(received, r => Assert.Equal(sha256, r.Sha256Hex));

                // The attempt cut short by the crash is remembered: the file's state outlived every silo, in Redis.
                var final = Assert.Single(deleted.Items, f => f.Key == RedisClusterHarness.FileKeyOf(received[0]));
                Assert.True(final.Attempts >= 2, $"{name}: {final.Attempts} attempt(s) recorded");
            }

            await Eventually.TrueAsync(() => host.FilesOnDisk().Count == 0, () => $"{host.HostId}: {string.Join(", ", host.FilesOnDisk())}");
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString);
        List<string> Keys() => redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "*").Select(k => k.ToString()).ToList();
        var serviceId = harness.Cluster.Options.ServiceId;
        Assert.Contains($"{serviceId}/members/{harness.Cluster.Options.ClusterId}", Keys());

        // A delivered file's record goes with it: Redis does not fill up with every file ever sent.
        await Eventually.TrueAsync(() => !Keys().Any(k => k.StartsWith($"{serviceId}/state/file/", StringComparison.Ordinal)), "file records removed");
    }

    [Fact]
    public async Task FailingFilesReminders_OutliveEverySilo_InRedis_AndAreRemovedOnceDelivered()
    {
        await using var harness = await RedisClusterHarness.StartAsync(hostCount: 2);
        foreach (var connector in harness.Connectors)
        {
            connector.Mode = ConnectorMode.Fail500;
        }

        var host = harness.Hosts[0];
        harness.DropFiles(host, 2);
        await Eventually.TrueAsync(async () => await harness.ReminderRowsAsync() == 2, "a reminder per failing file");

        foreach (var each in harness.Hosts)
        {
            await harness.StopHostAsync(each, kill: true);
        }

        foreach (var each in harness.Hosts)
        {
            await harness.StartHostAsync(each);
        }

        Assert.Equal(2, await harness.ReminderRowsAsync());
        foreach (var connector in harness.Connectors)
        {
            connector.Mode = ConnectorMode.Success;
        }

        await harness.WaitUntilDeliveredAsync([host], TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(async () => await harness.ReminderRowsAsync() == 0, "reminders removed once delivered");
    }
}
