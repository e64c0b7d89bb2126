using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.UnitTests.DevServices;

public sealed class ConnectorModeTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly HttpClient _http = HttpTestClient.Create();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData(ConnectorMode.Success, 200, """{"result":"success"}""", true)]
    [InlineData(ConnectorMode.Error, 400, """{"result":"error","message":"simulated error"}""", false)]
    [InlineData(ConnectorMode.Fail500, 500, """{"result":"error","message":"simulated internal server error"}""", false)]
    [InlineData(ConnectorMode.SuccessButErrorResult, 200, """{"result":"error","message":"simulated"}""", false)]
    [InlineData(ConnectorMode.NotJson, 200, "ok", false)]
    public async Task Mode_Convert_AnswersAsSpecified(ConnectorMode mode, int expectedStatus, string expectedBody, bool stored)
    {
        await using var connector = await StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path, Mode = mode });

        var (status, body) = await HttpTestClient.ConvertAsync(_http, connector.Url, "nfcapd.202611270440", HttpTestClient.RandomBytes(300_000, 1));

        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedBody, body);
        Assert.Equal(stored ? 1 : 0, connector.Received.Count);
        Assert.Equal(stored, File.Exists(_temp.Combine("nfcapd.202611270440")));
        Assert.Equal(1, connector.RequestCount);
    }

    [Fact]
    public async Task Mode_Slow_WaitsDelayThenSucceeds()
    {
        await using var connector = await StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            Mode = ConnectorMode.Slow,
            Delay = TimeSpan.FromMilliseconds(400),
        });

        var watch = Stopwatch.StartNew();
        var (status, body) = await HttpTestClient.ConvertAsync(_http, connector.Url, "f", [1]);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered after {watch.Elapsed}");
        Assert.Equal((200, """{"result":"success"}"""), (status, body));
        Assert.Single(connector.Received);
    }

    [Fact]
    public async Task StoreFiles_False_AcknowledgesAndHashesTheBodyButKeepsNothing()
    {
        await using var connector = await StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path, StoreFiles = false });
        var body = HttpTestClient.RandomBytes(300_000, 7);

        var (status, answer) = await HttpTestClient.ConvertAsync(_http, connector.Url, "nfcapd.202611270440", body);

        Assert.Equal((200, """{"result":"success"}"""), (status, answer));
        var received = Assert.Single(connector.Received);
        Assert.Equal((body.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)), string.Empty), (received.Length, received.Sha256Hex, received.StoredPath));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task Workers_One_HandlesRequestsOneAfterAnother()
    {
        var delay = TimeSpan.FromMilliseconds(200);
        await using var connector = await StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            Mode = ConnectorMode.Slow,
            Delay = delay,
            Workers = 1,
        });

        var answers = await Task.WhenAll(new[] { "a", "b", "c" }.Select(name => HttpTestClient.ConvertAsync(_http, connector.Url, name, [1])));

        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
        var storedAt = connector.Received.Select(f => f.ReceivedAt).Order().ToList();
        Assert.Equal(3, storedAt.Count);
        // One worker: each file is stored at least one delay after the one before it.
        Assert.All(storedAt.Zip(storedAt.Skip(1)), pair => Assert.True(pair.Second - pair.First >= delay * 0.9, $"{pair.First:O} -> {pair.Second:O}"));
    }

    [Fact]
    public async Task Mode_Hang_NeverAnswersUntilClientGivesUp()
    {
        await using var connector = await StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path, Mode = ConnectorMode.Hang });
        using var impatient = HttpTestClient.Create(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HttpTestClient.ConvertAsync(impatient, connector.Url, "f", [1]));

        await Eventually.TrueAsync(() => connector.InFlight == 0, "hung request released after the client gave up");
        Assert.Empty(connector.Received);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task Mode_Hang_ServerDisposed_AbortsTheConnection()
    {
        var connector = await StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path, Mode = ConnectorMode.Hang });
        var request = HttpTestClient.ConvertAsync(_http, connector.Url, "f", [1]);
        await Eventually.TrueAsync(() => connector.InFlight == 1, "request hanging");

        var watch = Stopwatch.StartNew();
        await connector.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => request);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"dispose took {watch.Elapsed}");
    }

    [Fact]
    public async Task Mode_ChangedAtRuntime_TakesEffectForNextRequest()
    {
        await using var connector = await StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path });

        var first = await HttpTestClient.ConvertAsync(_http, connector.Url, "a", [1]);
        connector.Mode = ConnectorMode.Error;
        var second = await HttpTestClient.ConvertAsync(_http, connector.Url, "b", [1]);
        connector.Mode = ConnectorMode.Success;
        var third = await HttpTestClient.ConvertAsync(_http, connector.Url, "c", [1]);

        Assert.Equal([200, 400, 200], new[] { first.Status, second.Status, third.Status });
        Assert.Equal(["a", "c"], connector.Received.Select(f => f.FileName));
    }

    [Fact]
    public async Task FailureRate_One_EveryRequestFailsIn500Or400OrReset()
    {
        await using var connector = await StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            FailureRate = 1,
            Random = new Random(1234),
            HangLimit = TimeSpan.FromMilliseconds(100),
        });

        var outcomes = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            outcomes.Add(await OutcomeAsync(connector.Url, "f" + i));
        }

        Assert.All(outcomes, o => Assert.Contains(o, new[] { "500", "400", "reset" }));
        Assert.Contains("500", outcomes);
        Assert.Contains("400", outcomes);
        Assert.Contains("reset", outcomes);
        await Eventually.TrueAsync(() => connector.InFlight == 0, "all requests finished");
        Assert.Empty(connector.Received);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
        Assert.Equal(24, connector.RequestCount);
    }

    [Fact]
    public async Task FailureRate_Half_ReceivedMatchesSuccesses()
    {
        await using var connector = await StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            FailureRate = 0.5,
            Random = new Random(99),
            HangLimit = TimeSpan.FromMilliseconds(50),
        });

        var outcomes = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            outcomes.Add(await OutcomeAsync(connector.Url, "f" + i));
        }

        var successes = outcomes.Count(o => o == "200");
        Assert.InRange(successes, 1, 29);
        await Eventually.TrueAsync(() => connector.InFlight == 0, "all requests finished");
        Assert.Equal(successes, connector.Received.Count);
        Assert.Equal(successes, Directory.GetFiles(_temp.Path).Length);

        connector.FailureRate = 0;
        Assert.Equal("200", await OutcomeAsync(connector.Url, "after"));
    }

    [Fact]
    public async Task ConvertWithNfdump_NfdumpMissing_Answers400()
    {
        await using var connector = await StartAsync(new ConnectorServerOptions
        {
            Name = "c1",
            OutputDirectory = _temp.Path,
            ConvertWithNfdump = true,
            NfdumpPath = "/nonexistent/nfdump",
        });

        var (status, body) = await HttpTestClient.ConvertAsync(_http, connector.Url, "f", [1]);

        Assert.Equal(400, status);
        Assert.Contains("cannot run", HttpTestClient.Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_Throw()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path, FailureRate = 1.5 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path, Workers = -1 }));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path, StoreFiles = false, ConvertWithNfdump = true }));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path, RegistryUrl = "localhost:5000" }));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = _temp.Path, Host = "not-an-ip" }));
    }

    private static Task<ConnectorServer> StartAsync(ConnectorServerOptions options) => ConnectorServer.StartAsync(options);

    /// <summary>"200", "400", "500" or "reset" (connection dropped without an answer).</summary>
    private async Task<string> OutcomeAsync(string url, string fileName)
    {
        try
        {
            var (status, _) = await HttpTestClient.ConvertAsync(_http, url, fileName, HttpTestClient.RandomBytes(1000, 3));
            return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return "reset";
        }
    }
}
