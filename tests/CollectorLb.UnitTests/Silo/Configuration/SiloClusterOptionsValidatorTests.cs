using CollectorLb.Abstractions.Settings;
using CollectorLb.Silo.Configuration;

namespace CollectorLb.UnitTests.Silo.Configuration;

public class SiloClusterOptionsValidatorTests
{
    private readonly SettingsValidator<SiloClusterOptions> _validator = new();

    [Fact]
    public void Validate_Defaults_AreEmbeddedAndValid()
    {
        var options = new SiloClusterOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.False(options.IsRedis);
        Assert.Equal(ClusterModes.Embedded, options.Mode);
    }

    [Fact]
    public void Validate_RedisInKubernetes_IsValid()
    {
        var options = new SiloClusterOptions { Mode = "Redis", RedisConnectionString = "redis:6379,abortConnect=false", Kubernetes = true };

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.True(options.IsRedis);
    }

    [Fact]
    public void Validate_EverythingWrong_ListsEverySettingWithWhatItAccepts()
    {
        var result = _validator.Validate(null, new SiloClusterOptions
        {
            Mode = "zookeeper",
            Kubernetes = true,
            ServiceId = "has spaces",
            ClusterId = "",
            AdvertisedAddress = "not-an-ip",
        });

        var failures = result.Failures!.ToList();
        Assert.Equal(5, failures.Count);
        Assert.Contains("CollectorLb:Cluster:Mode must be one of embedded, redis; got 'zookeeper'.", failures);
        Assert.Contains(failures, f => f.StartsWith("CollectorLb:Cluster:Kubernetes needs CollectorLb:Cluster:Mode=redis", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CollectorLb:Cluster:ServiceId must be 1-63", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CollectorLb:Cluster:ClusterId must be 1-63", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("CollectorLb:Cluster:AdvertisedAddress must be an IP address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,,")]
    [InlineData("abortConnect=false")]
    public void Validate_RedisModeWithoutAnEndpoint_NamesTheConnectionString(string connectionString)
    {
        var result = _validator.Validate(null, new SiloClusterOptions { Mode = ClusterModes.Redis, RedisConnectionString = connectionString });

        Assert.Contains(result.Failures!, f => f.StartsWith("CollectorLb:Cluster:RedisConnectionString must be a Redis configuration string", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EmbeddedMode_IgnoresTheRedisConnectionString()
    {
        Assert.True(_validator.Validate(null, new SiloClusterOptions { RedisConnectionString = "" }).Succeeded);
    }
}
