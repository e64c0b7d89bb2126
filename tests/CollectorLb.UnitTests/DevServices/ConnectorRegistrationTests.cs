using CollectorLb.DevServices.Connector;
using CollectorLb.DevServices.Registry;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.UnitTests.DevServices;

public sealed class ConnectorRegistrationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task StartAsync_WithRegistryUrl_RegistersAndUnregistersOnDispose()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { PingInterval = TimeSpan.Zero });
        var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions
        {
            Name = "netflow-source-connector-1",
            OutputDirectory = _temp.Path,
            RegistryUrl = registry.Url,
        });

        Assert.Equal(connector.Url, registry.Services["netflow-source-connector-1"]);

        await connector.DisposeAsync();

        Assert.Empty(registry.Services);
    }

    [Fact]
    public async Task UpdateLoop_RegistryForgotConnector_RegistersItAgain()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { PingInterval = TimeSpan.Zero });
        await using var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            RegistryUrl = registry.Url + "/",
            UpdateInterval = TimeSpan.FromMilliseconds(100),
        });

        Assert.True(registry.Unregister("c1"));

        await Eventually.TrueAsync(() => registry.Services.ContainsKey("c1"), "connector registered again by its update loop");
        Assert.Equal(connector.Url, registry.Services["c1"]);
    }

    [Fact]
    public async Task StartAsync_RegistryNotUpYet_StartsAndRegistersOnceItIs()
    {
        var registryPort = FreePorts.Tcp();
        await using var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            RegistryUrl = $"http://127.0.0.1:{registryPort}",
            UpdateInterval = TimeSpan.FromMilliseconds(100),
        });
        var (status, _) = await PingAsync(connector.Url);
        Assert.Equal(200, status);

        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Port = registryPort, PingInterval = TimeSpan.Zero });

        await Eventually.TrueAsync(() => registry.Services.ContainsKey("c1"), "connector registered after the registry came up");
    }

    [Fact]
    public async Task StartAsync_RegistryFailing_ConnectorStillServes()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions
        {
            PingInterval = TimeSpan.Zero,
            Behavior = RegistryBehavior.Fail500,
        });
        await using var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            RegistryUrl = registry.Url,
            UpdateInterval = TimeSpan.FromMilliseconds(100),
        });
        using var http = HttpTestClient.Create();

        var (status, _) = await HttpTestClient.ConvertAsync(http, connector.Url, "f", [1]);
        Assert.Equal(200, status);
        Assert.Empty(registry.Services);

        registry.Behavior = RegistryBehavior.Normal;
        await Eventually.TrueAsync(() => registry.Services.ContainsKey("c1"), "registered once the registry recovered");
    }

    [Fact]
    public async Task StartAsync_AdvertisedUrl_IsWhatGetsRegistered()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { PingInterval = TimeSpan.Zero });
        await using var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            RegistryUrl = registry.Url,
            AdvertisedUrl = "http://netflow-source-connector-service:7000",
        });

        Assert.Equal("http://netflow-source-connector-service:7000", registry.Services["c1"]);
    }

    private static async Task<(int Status, string Body)> PingAsync(string url)
    {
        using var http = HttpTestClient.Create();
        return await HttpTestClient.GetAsync(http, url + "/ping");
    }
}
