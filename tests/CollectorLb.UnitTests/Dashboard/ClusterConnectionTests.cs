using CollectorLb.Abstractions.Cluster;
using CollectorLb.Client;

namespace CollectorLb.UnitTests.Dashboard;

public class ClusterConnectionTests
{
    [Fact]
    public void FromConfiguration_NoSettings_IsTheEmbeddedSilosGatewayOnLocalhost()
    {
        var connection = ClusterConnection.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal("localhost:30000", connection.ToString());
    }

    [Fact]
    public void FromConfiguration_GatewayPortOrGatewayList_AreUsed_TheListWinning()
    {
        Assert.Equal("localhost:31000", ClusterConnection.FromConfiguration(Settings(("CollectorLb:Ports:GatewayPort", "31000"))).ToString());
        Assert.Equal(
            "silo-a:30000, 10.0.0.7:31000",
            ClusterConnection.FromConfiguration(Settings(("CollectorLb:Ports:GatewayPort", "31000"), ("CollectorLb:Cluster:Gateways", "silo-a, 10.0.0.7:31000"))).ToString());
    }

    [Fact]
    public void FromConfiguration_RedisMode_FindsGatewaysInRedisWithTheSilosIds()
    {
        var connection = ClusterConnection.FromConfiguration(Settings(
            ("CollectorLb:Cluster:Mode", "redis"),
            ("CollectorLb:Cluster:RedisConnectionString", "redis:6379"),
            ("CollectorLb:Cluster:ClusterId", "site-7")));

        Assert.Equal("redis:6379", connection.RedisConnectionString);
        Assert.Equal("site-7", connection.ClusterId);
        Assert.Equal(ClusterSettings.DefaultServiceId, connection.ServiceId);
        Assert.Empty(connection.Gateways);
    }

    [Fact]
    public void FromConfiguration_RedisModeWithoutConnectionString_SaysWhichSettingIsMissing() =>
        Assert.Contains(
            "CollectorLb:Cluster:RedisConnectionString",
            Assert.Throws<FormatException>(() => ClusterConnection.FromConfiguration(Settings(("CollectorLb:Cluster:Mode", "redis")))).Message);

    [Fact]
    public void ForGateways_RedisModeConfigured_UsesTheGatewaysWithTheConfiguredIds()
    {
        var connection = ClusterConnection.ForGateways(["silo-a:31000"], Settings(
            ("CollectorLb:Cluster:Mode", "redis"),
            ("CollectorLb:Cluster:ClusterId", "site-7"),
            ("CollectorLb:Cluster:ServiceId", "collector-eu")));

        var gateway = Assert.Single(connection.Gateways);
        Assert.Equal(("silo-a", 31000), (gateway.Host, gateway.Port));
        Assert.Null(connection.RedisConnectionString);
        Assert.Equal("site-7", connection.ClusterId);
        Assert.Equal("collector-eu", connection.ServiceId);
    }

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:port")]
    [InlineData(":30000")]
    public void ParseGateway_BadPort_SaysWhatItExpects(string text) =>
        Assert.Contains("host:port", Assert.Throws<FormatException>(() => ClusterConnection.ParseGateway(text)).Message);

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
