using CollectorLb.Grains.Options;
using CollectorLb.Silo.Configuration;
using CollectorLb.Silo.Hosting;

namespace CollectorLb.UnitTests.Silo.Configuration;

public class OptionsValidatorTests
{
    [Fact]
    public void Validate_EmbeddedDefaults_AreAllValid()
    {
        using var provider = Services(new Dictionary<string, string?>());

        provider.GetRequiredService<IOptions<NfcapdOptions>>().Value.ToString();
        provider.GetRequiredService<IOptions<RegistryOptions>>().Value.ToString();
        provider.GetRequiredService<IOptions<UploadOptions>>().Value.ToString();
        provider.GetRequiredService<IOptions<WatcherOptions>>().Value.ToString();
        provider.GetRequiredService<IOptions<PortOptions>>().Value.ToString();
        provider.GetRequiredService<IOptions<DeliveryOptions>>().Value.ToString();
        provider.GetRequiredService<IOptions<ConnectorPoolOptions>>().Value.ToString();
        Assert.Equal("http://localhost:5000", provider.GetRequiredService<IOptions<RegistryOptions>>().Value.BaseUrl);
        Assert.Equal(Path.GetFullPath("./netflows"), provider.GetRequiredService<IOptions<SpoolOptions>>().Value.FlowDirectoryFullPath);
    }

    [Fact]
    public void Validate_SeveralBadNfcapdSettings_ListsEveryOneWithItsRange()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["CollectorLb:Nfcapd:Port"] = "0",
            ["CollectorLb:Nfcapd:IntervalSeconds"] = "1",
            ["CollectorLb:Nfcapd:BindAddress"] = "not-an-ip",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NfcapdOptions>>().Value);

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("CollectorLb:Nfcapd:Port (NFCAPD_PORT) must be between 1 and 65535; got 0"));
        Assert.Contains(error.Failures, f => f.Contains("CollectorLb:Nfcapd:IntervalSeconds (NFCAPD_INTERVAL_SECONDS) must be between 2 and 86400; got 1"));
        Assert.Contains(error.Failures, f => f.Contains("BindAddress"));
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("not a media type")]
    public void Validate_UploadContentTypeThatConnectorsCannotRead_IsRefused(string contentType)
    {
        using var provider = Services(new Dictionary<string, string?> { ["CollectorLb:Upload:ContentType"] = contentType });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<UploadOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("CollectorLb:Upload:ContentType"));
    }

    [Fact]
    public void Validate_OldServicesJsonContentType_IsAccepted()
    {
        using var provider = Services(new Dictionary<string, string?> { ["CollectorLb:Upload:ContentType"] = "application/json" });

        Assert.Equal("application/json", provider.GetRequiredService<IOptions<UploadOptions>>().Value.ContentType);
    }

    [Fact]
    public void Validate_UnknownPolicyAndBadRegistry_ListsEveryError()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["CollectorLb:Pool:Policy"] = "fastest",
            ["CollectorLb:Registry:Port"] = "99999",
            ["CollectorLb:Registry:Scheme"] = "ftp",
        });

        var pool = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ConnectorPoolOptions>>().Value);
        var registry = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RegistryOptions>>().Value);

        Assert.Contains(pool.Failures, f => f.Contains("Policy") && f.Contains("least-outstanding"));
        Assert.Equal(2, registry.Failures.Count());
        Assert.Contains(registry.Failures, f => f.Contains("(REGISTRY_PORT) must be between 1 and 65535"));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCollectorLbServices(configuration);
        return services.BuildServiceProvider();
    }
}
