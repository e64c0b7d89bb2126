using CollectorLb.DevServices.Registry;
using CollectorLb.Grains.Registry;
using CollectorLb.Silo.Hosting;
using CollectorLb.Testing.Logging;
using CollectorLb.Testing.Network;
using Microsoft.Extensions.Logging;

namespace CollectorLb.UnitTests.Silo.Registry;

public sealed class HttpRegistryClientTests(ITestOutputHelper output) : IAsyncLifetime
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
        _services = new ServiceCollection().AddLogging().AddCollectorLbServices(configuration).BuildServiceProvider();
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
        await using var services = ServicesLoggingTo(logs);
        var client = services.GetRequiredService<IRegistryClient>();

        var entries = await client.GetConnectorsAsync(registry.Url, CancellationToken.None);
        await client.GetConnectorsAsync(registry.Url, CancellationToken.None);
        await client.GetConnectorsAsync(registry.Url, CancellationToken.None);

        Assert.Equal([new RegistryEntry("good", "http://10.0.0.1:7000"), new RegistryEntry("also-good", "https://c.example:7443")], entries);
        var rejections = logs.Messages.Where(m => m.Contains("rejected")).ToList();
        Assert.Equal(4, rejections.Count);
        Assert.Contains(rejections, m => m.Contains("file:///etc/passwd"));
        Assert.Contains(rejections, m => m.Contains("number") && m.Contains("(not a string)"));
    }

    [Fact]
    public async Task GetConnectorsAsync_NameListedTwice_LastUrlWinsWithOneWarningHoweverManyRefreshes()
    {
        using var registry = new StubHttpServer(_ => (200, """
            {"c1":"http://10.0.0.1:7000","c2":"http://10.0.0.2:7000","c1":"http://10.0.0.9:7000"}
            """));
        var logs = new CapturingLoggerProvider();
        await using var services = ServicesLoggingTo(logs);
        var client = services.GetRequiredService<IRegistryClient>();

        IReadOnlyList<RegistryEntry> entries = [];
        for (var refresh = 0; refresh < 5; refresh++)
        {
            entries = await client.GetConnectorsAsync(registry.Url, CancellationToken.None);
        }

        Assert.Equal([new RegistryEntry("c1", "http://10.0.0.9:7000"), new RegistryEntry("c2", "http://10.0.0.2:7000")], entries);
        var warning = Assert.Single(logs.Messages, m => m.Contains("c1"));
        Assert.Contains("2 times", warning);
        Assert.Contains("http://10.0.0.9:7000", warning);
    }

    [Fact]
    public async Task GetConnectorsAsync_BadNames_AreDroppedWithOneWarningEachAndTheRestUsed()
    {
        var tooLong = new string('n', 254);
        using var registry = new StubHttpServer(_ => (200, $$"""
            {"":"http://10.0.0.1:7000","   ":"http://10.0.0.2:7000","bell\u0007":"http://10.0.0.3:7000","{{tooLong}}":"http://10.0.0.4:7000","good":"http://10.0.0.5:7000"}
            """));
        var logs = new CapturingLoggerProvider();
        await using var services = ServicesLoggingTo(logs);
        var client = services.GetRequiredService<IRegistryClient>();

        var entries = await client.GetConnectorsAsync(registry.Url, CancellationToken.None);
        await client.GetConnectorsAsync(registry.Url, CancellationToken.None);

        Assert.Equal([new RegistryEntry("good", "http://10.0.0.5:7000")], entries);
        var rejections = logs.Messages.Where(m => m.Contains("rejected")).ToList();
        Assert.Equal(4, rejections.Count);
        Assert.Contains(rejections, m => m.Contains("bell\\u0007"));
        Assert.DoesNotContain(logs.Messages, m => m.Contains('\u0007'));
    }

    [Theory]
    [InlineData("http://127.0.0.1:18081", "HTTP")]
    [InlineData("http://localhost:18111", "silo")]
    [InlineData("http://[::1]:18300", "gateway")]
    [InlineData("http://0.0.0.0:18081", "HTTP")]
    public async Task GetConnectorsAsync_UrlAtThisSilosOwnPort_IsDroppedWithOneWarningAndTheRestUsed(string url, string port)
    {
        using var registry = new StubHttpServer(_ => (200, $$"""
            {"loop":"{{url}}","elsewhere":"http://10.0.0.1:18081","good":"http://127.0.0.1:7000"}
            """));
        var logs = new CapturingLoggerProvider();
        await using var services = ServicesLoggingTo(logs, new Dictionary<string, string?>
        {
            ["CollectorLb:Ports:HttpPort"] = "18081",
            ["CollectorLb:Ports:SiloPort"] = "18111",
            ["CollectorLb:Ports:GatewayPort"] = "18300",
        });
        var client = services.GetRequiredService<IRegistryClient>();

        var entries = await client.GetConnectorsAsync(registry.Url, CancellationToken.None);
        await client.GetConnectorsAsync(registry.Url, CancellationToken.None);

        Assert.Equal(["elsewhere", "good"], entries.Select(e => e.Name));
        var rejection = Assert.Single(logs.Messages, m => m.Contains("rejected"));
        Assert.Contains("loop", rejection);
        Assert.Contains($"own {port} port", rejection);
    }

    [Fact]
    public async Task GetConnectorsAsync_ServicesStallsAfterItsHeadersAndPartOfItsBody_ThrowsRegistryUnavailableWithinItsDeadline()
    {
        await using var registry = new RawTcpRegistry
        {
            Listing = new Dictionary<string, string> { ["c1"] = "http://10.0.0.1:7000", ["c2"] = "http://10.0.0.2:7000" },
            Behavior = RawBehavior.StallAfterPartialJson,
        };
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RegistryUnavailableException>(() => Client.GetConnectorsAsync(registry.Url, CancellationToken.None));

        output.WriteLine($"stalled /services failed after {watch.Elapsed.TotalSeconds:F2} s and {registry.RequestCount} tries (1 s per try, 3 s in all): {error.Message}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        registry.Behavior = RawBehavior.Answer;
        Assert.Equal(["c1", "c2"], (await Client.GetConnectorsAsync(registry.Url, CancellationToken.None)).Select(e => e.Name));
    }

    [Fact]
    public async Task GetConnectorsAsync_RegistryDown_ThrowsRegistryUnavailable()
    {
        var url = _registry.Url;
        await _registry.DisposeAsync();

        await Assert.ThrowsAsync<RegistryUnavailableException>(() => Client.GetConnectorsAsync(url, CancellationToken.None));
    }

    private static ServiceProvider ServicesLoggingTo(CapturingLoggerProvider logs, Dictionary<string, string?>? settings = null) =>
        new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddCollectorLbServices(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build())
            .BuildServiceProvider();
}
