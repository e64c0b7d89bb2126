using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;
using StackExchange.Redis;

namespace CollectorLb.SystemTests.Cluster;

public class RedisModeSiloProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SiloProcessInRedisMode_JoinsUnderItsHostIdAndDelivers_StateInRedis()
    {
        using var directory = new TempDirectory("redis-silo");
        await using var redis = await RedisServer.StartAsync();
        await using var services = await LoopbackDevServices.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = directory.Combine("received") });
        var registry = services.Registry!;
        var connector = services.Connectors[0];
        // What silos and clients of one cluster share.
        var cluster = new Dictionary<string, string>
        {
            ["CollectorLb__Cluster__Mode"] = "redis",
            ["CollectorLb__Cluster__RedisConnectionString"] = redis.ConnectionString,
            ["CollectorLb__Cluster__ClusterId"] = "it-cluster",
            ["CollectorLb__Cluster__ServiceId"] = "it-service",
        };
        var httpPort = FreePorts.Tcp();
        await using var silo = SiloProcess.Start(directory.Path, new SiloSettings("collector-7").WithPorts(httpPort)
            .WithLegacyRegistry(registry.Port)
            .With("Cluster:AdvertisedAddress", "127.0.0.1")
            .WithVariables(cluster)
            .ToEnvironment());
        await silo.WaitUntilHealthyAsync(httpPort, StartTimeout);

        FlowFiles.RenameInto(directory.Combine("netflows"), "nfcapd.202611270440", FlowFiles.Distinct(0));
        await Eventually.TrueAsync(() => connector.Received.Count == 1, () => "the file is delivered; output:\n" + silo.Output);

        await using var client = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = client.GetDatabase();
        var members = await database.HashGetAllAsync("it-service/members/it-cluster");
        var member = Assert.Single(members, m => m.Name.ToString().StartsWith('S'));
        using var entry = JsonDocument.Parse(member.Value.ToString());
        Assert.Equal("collector-7", entry.RootElement.GetProperty("SiloName").GetString());
        // The delivered file's record went with it (ClusterRestartTests shows records outliving silos meanwhile).
        await Eventually.TrueAsync(
            () => !client.GetServer(client.GetEndPoints()[0]).Keys(pattern: "it-service/state/file/*").Any(),
            "the delivered file's state is removed from Redis");

        // The CLI, like the dashboard, finds the silos through Redis with the silos' own settings.
        var (code, output, error) = await CliProcess.RunAsync(cluster, "status", "--json");
        Assert.True(code == 0, $"exit {code}: {error}");
        using var status = JsonDocument.Parse(output);
        var host = Assert.Single(status.RootElement.GetProperty("hosts").EnumerateArray());
        Assert.Equal("collector-7", host.GetProperty("hostId").GetString());
        Assert.Equal(1, status.RootElement.GetProperty("totals").GetProperty("filesDelivered").GetInt64());

        Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task InvalidClusterSettings_StopTheStartNamingEachSetting()
    {
        var (exitCode, output) = await SiloProcess.RunUntilExitAsync(
            new Dictionary<string, string>
            {
                ["CollectorLb__Cluster__Mode"] = "etcd",
                ["CollectorLb__Cluster__Kubernetes"] = "true",
                ["CollectorLb__Nfcapd__Enabled"] = "false",
            },
            StartTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("CollectorLb:Cluster:Mode must be one of embedded, redis; got 'etcd'", output);
        Assert.Contains("CollectorLb:Cluster:Kubernetes needs CollectorLb:Cluster:Mode=redis", output);
    }
}
