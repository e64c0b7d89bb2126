using CollectorLb.DevServices.Connector;
using CollectorLb.DevServices.Registry;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.UnitTests.DevServices;

public sealed class RegistryPingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PingLoop_DeadAndWrongConnectors_AreDroppedLiveOneKept()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions
        {
            PingInterval = TimeSpan.FromMilliseconds(100),
            PingTimeout = TimeSpan.FromSeconds(2),
        });
        await using var live = await ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "live", OutputDirectory = _temp.Combine("live") });
        registry.Register("live", live.Url);
        registry.Register("dead", $"http://127.0.0.1:{FreePorts.Tcp()}");

        // Answers 404 to /ping: alive but not a connector.
        registry.Register("wrong", registry.Url);

        await Eventually.TrueAsync(() => registry.Services.Count == 1, "dead and wrong connectors dropped");

        Assert.Equal(live.Url, registry.Services["live"]);
        Assert.Equal(0, await registry.PingAllAsync());
        Assert.Equal(live.Url, registry.Services["live"]);
    }

    [Fact]
    public async Task PingAllAsync_ConnectorStopped_DropsIt()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { PingInterval = Timeout.InfiniteTimeSpan });
        var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path });
        registry.Register("c1", connector.Url);

        Assert.Equal(0, await registry.PingAllAsync());
        await connector.DisposeAsync();

        Assert.Equal(1, await registry.PingAllAsync());
        Assert.Empty(registry.Services);
    }

    [Fact]
    public async Task PingAllAsync_ConnectorAnswersSlowerThanTimeout_DropsIt()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions
        {
            PingInterval = TimeSpan.Zero,
            PingTimeout = TimeSpan.FromMilliseconds(200),
        });

        // A registry in Slow behavior is an HTTP server whose /ping never answers in time.
        await using var slow = await RegistryServer.StartAsync(new RegistryServerOptions
        {
            PingInterval = TimeSpan.Zero,
            Behavior = RegistryBehavior.Slow,
            SlowDelay = TimeSpan.FromSeconds(30),
        });
        registry.Register("slow", slow.Url);

        Assert.Equal(1, await registry.PingAllAsync());
    }
}
