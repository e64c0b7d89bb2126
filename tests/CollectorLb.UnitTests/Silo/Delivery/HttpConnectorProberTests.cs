using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Silo.Delivery;
using CollectorLb.Silo.Hosting;
using CollectorLb.Testing.Network;

namespace CollectorLb.UnitTests.Silo.Delivery;

public sealed class HttpConnectorProberTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private IConnectorProber Prober => _services.GetRequiredService<IConnectorProber>();

    public Task InitializeAsync()
    {
        _services = new ServiceCollection().AddLogging().AddCollectorLbServices(new ConfigurationBuilder().Build()).BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task PingAsync_200WithResultSuccessAndPong_IsHealthy()
    {
        using var connector = new StubHttpServer(request => request.Url!.AbsolutePath == "/ping"
            ? (200, """{"result":"success","ping":"pong"}""")
            : (404, """{"result":"error","message":"not found"}"""));

        Assert.True(await Prober.PingAsync(connector.Url + "/", CancellationToken.None));
    }

    [Theory]
    [InlineData(200, """{"result":"success"}""")]
    [InlineData(200, """{"result":"error","ping":"pong"}""")]
    [InlineData(200, """{"result":"success","ping":7}""")]
    [InlineData(200, """{"result":"success","ping":"PONG"}""")]
    [InlineData(200, """["success","pong"]""")]
    [InlineData(200, "pong")]
    [InlineData(200, "")]
    [InlineData(202, """{"result":"success","ping":"pong"}""")]
    [InlineData(500, """{"result":"success","ping":"pong"}""")]
    [InlineData(400, """{"result":"error","message":"bad"}""")]
    public async Task PingAsync_AnythingElse_IsNotHealthy(int status, string body)
    {
        using var connector = new StubHttpServer(_ => (status, body));

        Assert.False(await Prober.PingAsync(connector.Url, CancellationToken.None));
    }

    [Fact]
    public async Task PingAsync_PongInAnAnswerOver4KiB_IsNotHealthy()
    {
        var padding = new string('x', HttpConnectorProber.MaxAnswerBytes);
        using var connector = new StubHttpServer(_ => (200, $$"""{"result":"success","ping":"pong","padding":"{{padding}}"}"""));

        Assert.False(await Prober.PingAsync(connector.Url, CancellationToken.None));
    }

    [Fact]
    public async Task PingAsync_NobodyListening_IsNotHealthy()
    {
        var url = $"http://127.0.0.1:{FreePorts.Tcp()}";

        Assert.False(await Prober.PingAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task PingAsync_RawConnectorAnsweringThePong_IsHealthy()
    {
        await using var connector = new RawTcpConnector();

        Assert.True(await Prober.PingAsync(connector.Url, CancellationToken.None));
        Assert.Equal(1, connector.PingCount);
    }

    [Theory]
    [InlineData("stall after partial JSON")]
    [InlineData("stall before answer")]
    [InlineData("reset")]
    public async Task PingAsync_AnswerStallsOrBreaks_IsNotHealthyWithinItsDeadline(string behavior)
    {
        await using var connector = new RawTcpConnector
        {
            PingBehavior = behavior switch
            {
                "stall after partial JSON" => RawBehavior.StallAfterPartialJson,
                "stall before answer" => RawBehavior.StallBeforeAnswer,
                _ => RawBehavior.ResetAfterBody,
            },
        };
        var watch = Stopwatch.StartNew();

        var healthy = await Prober.PingAsync(connector.Url, CancellationToken.None);

        output.WriteLine($"{behavior}: not healthy after {watch.Elapsed.TotalSeconds:F2} s (deadline {HttpConnectorProber.Deadline.TotalSeconds} s)");
        Assert.False(healthy);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
