using CollectorLb.DevServices;
using CollectorLb.Grains.Registry;
using CollectorLb.Silo.Hosting;
using CollectorLb.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CollectorLb.Tests.Silo.Registry;

public sealed class HttpRegistryClientTests : IAsyncLifetime
{
    private RegistryServer _registry = null!;
    private ServiceProvider _services = null!;

    private IRegistryClient Client => _services.GetRequiredService<IRegistryClient>();

    public async Task InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(new RegistryServerOptions { PingInterval = Timeout.InfiniteTimeSpan, SlowDelay = TimeSpan.FromSeconds(10) });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CollectorLb:Registry:TimeoutSeconds"] = "1" })
            .Build();
        _services = new ServiceCollection().AddLogging().AddCollectorServices(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _registry.DisposeAsync();
    }

    [Fact]
    public async Task GetConnectorsAsync_Services_ReturnsEveryEntryWithItsBaseUrl()
    {
        _registry.Register("c1", "http://10.0.0.1:7000");
        _registry.Register("c2", "http://10.0.0.2:7000/");

        var entries = await Client.GetConnectorsAsync(_registry.Url, CancellationToken.None);

        Assert.Equal([new RegistryEntry("c1", "http://10.0.0.1:7000"), new RegistryEntry("c2", "http://10.0.0.2:7000")], entries);
    }

    [Fact]
    public async Task GetConnectorsAsync_RegistryWithoutServices_LearnsTheListFromTarget()
    {
        _registry.Register("c1", "http://10.0.0.1:7000");
        _registry.Register("c2", "http://10.0.0.2:7000");
        _registry.Register("c3", "http://10.0.0.3:7000");
        _registry.Behavior = RegistryBehavior.ServicesNotServed;

        var entries = await Client.GetConnectorsAsync(_registry.Url, CancellationToken.None);

        Assert.Equal(["c1", "c2", "c3"], entries.Select(e => e.Name).Order());
        Assert.All(entries, e => Assert.DoesNotContain("/convert", e.BaseUrl));
    }

    [Fact]
    public async Task GetConnectorsAsync_EmptyMap_ReturnsNoConnectors()
    {
        _registry.Behavior = RegistryBehavior.Empty;

        Assert.Empty(await Client.GetConnectorsAsync(_registry.Url, CancellationToken.None));
    }

    [Theory]
    [InlineData(RegistryBehavior.Fail500)]
    [InlineData(RegistryBehavior.NotJson)]
    [InlineData(RegistryBehavior.HugeBody)]
    [InlineData(RegistryBehavior.Slow)]
    public async Task GetConnectorsAsync_RegistryMisbehaving_ThrowsRegistryUnavailable(RegistryBehavior behavior)
    {
        _registry.Register("c1", "http://10.0.0.1:7000");
        _registry.Behavior = behavior;

        await Assert.ThrowsAsync<RegistryUnavailableException>(() => Client.GetConnectorsAsync(_registry.Url, CancellationToken.None));
    }

    [Fact]
    public async Task GetConnectorsAsync_EntriesThatAreNotHttpUrls_AreDroppedWithOneLogLineEachAndTheRestUsed()
    {
        using var registry = new StubHttpServer(_ => (200, """
            {"good":"http://10.0.0.1:7000","passwd":"file:///etc/passwd","ftp":"ftp://connector:21","bare":"connector:7000","number":7,"also-good":"https://c.example:7443/"}
            """));
        var logs = new CapturingLoggerProvider();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddCollectorServices(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        var entries = await services.GetRequiredService<IRegistryClient>().GetConnectorsAsync(registry.Url, CancellationToken.None);

        Assert.Equal([new RegistryEntry("good", "http://10.0.0.1:7000"), new RegistryEntry("also-good", "https://c.example:7443")], entries);
        var rejections = logs.Messages.Where(m => m.Contains("rejected")).ToList();
        Assert.Equal(4, rejections.Count);
        Assert.Contains(rejections, m => m.Contains("file:///etc/passwd"));
    }

    [Fact]
    public async Task GetConnectorsAsync_RegistryDown_ThrowsRegistryUnavailable()
    {
        var url = _registry.Url;
        await _registry.DisposeAsync();

        await Assert.ThrowsAsync<RegistryUnavailableException>(() => Client.GetConnectorsAsync(url, CancellationToken.None));
    }
}
