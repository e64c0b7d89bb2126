using System.Security.Cryptography;
using System.Text;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.UnitTests.DevServices;

public sealed class ConnectorServerTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly HttpClient _http = HttpTestClient.Create();
    private ConnectorServer _connector = null!;

    private string OutputDirectory => _temp.Combine("out");

    public static TheoryData<string> HostileNames() => new()
    {
        "nfcapd.202611270440",
        "with space.nfcapd",
        "single'quote and \"double\"",
        "$(touch pwned)",
        "`id`",
        "new\nline",
        "carriage\rreturn\ttab",
        "ünïcödé-€-日本-🙂",
        "-leading-dash",
        ".hidden",
        "back\\slash",
        "a%2Fb literal percent",
        "plus+sign&amp;=?#",
        "; rm -rf ~ #",
        new string('n', 255),
        "é" + new string('x', 253),
        new string('€', 85),
    };

    public async Task InitializeAsync() =>
        _connector = await ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = OutputDirectory });

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void StartAsync_MissingOutputDirectory_CreatesIt()
    {
        Assert.True(Directory.Exists(OutputDirectory));
        Assert.Equal("c1", _connector.Name);
        Assert.Equal($"http://127.0.0.1:{_connector.Port}", _connector.Url);
    }

    [Fact]
    public async Task Ping_Get_AnswersPong()
    {
        var (status, body) = await HttpTestClient.GetAsync(_http, _connector.Url + "/ping");

        Assert.Equal(200, status);
        Assert.Equal("""{"result":"success","ping":"pong"}""", body);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Convert_HostileFileName_StoresBodyByteIdenticalUnderExactName(string fileName)
    {
        Assert.True(Encoding.UTF8.GetByteCount(fileName) <= 255);
        var body = HttpTestClient.RandomBytes(100_000, fileName.Length);

        var (status, answer) = await HttpTestClient.ConvertAsync(_http, _connector.Url, fileName, body);

        Assert.Equal(200, status);
        Assert.Equal("""{"result":"success"}""", answer);
        var stored = Path.Combine(OutputDirectory, fileName);
        Assert.Equal(body, await File.ReadAllBytesAsync(stored));
        Assert.Equal(stored, Assert.Single(Directory.GetFileSystemEntries(OutputDirectory)));
        var received = Assert.Single(_connector.Received);
        Assert.Equal(fileName, received.FileName);
        Assert.Equal(stored, received.StoredPath);
        Assert.Equal(body.Length, received.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), received.Sha256Hex);
        Assert.Equal("application/octet-stream", received.ContentType);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("/etc/passwd")]
    [InlineData("a\0b")]
    public async Task Convert_UnsafeFileName_Answers400AndWritesNothing(string fileName)
    {
        var (status, body) = await HttpTestClient.ConvertAsync(_http, _connector.Url, fileName, [1, 2, 3]);

        Assert.Equal(400, status);
        Assert.StartsWith("""{"result":"error","message":""", body, StringComparison.Ordinal);
        Assert.NotEmpty(HttpTestClient.Message(body));
        Assert.Equal(OutputDirectory, Assert.Single(Directory.GetFileSystemEntries(_temp.Path)));
        Assert.Empty(Directory.GetFileSystemEntries(OutputDirectory));
        Assert.Empty(_connector.Received);
        Assert.Equal(1, _connector.RequestCount);
    }

    [Fact]
    public async Task Convert_NameLongerThan255Bytes_Answers400()
    {
        var (status, body) = await HttpTestClient.ConvertAsync(_http, _connector.Url, "é" + new string('x', 254), [1]);

        Assert.Equal(400, status);
        Assert.Contains("255", HttpTestClient.Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_NoFileNameParameter_Answers400()
    {
        using var content = new ByteArrayContent([1]);
        using var response = await _http.PostAsync(_connector.Url + "/convert", content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("filename", HttpTestClient.Message(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=xyz")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Convert_FormContentType_Answers400FormNotAccepted(string contentType)
    {
        var (status, body) = await HttpTestClient.ConvertAsync(_http, _connector.Url, "nfcapd.202611270440", [1, 2, 3], contentType);

        Assert.Equal(400, status);
        Assert.Equal("""{"result":"error","message":"form content types are not accepted"}""", body);
        Assert.Empty(Directory.GetFileSystemEntries(OutputDirectory));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/octet-stream")]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task Convert_NonFormContentType_StoresRawBody(string? contentType)
    {
        var body = Encoding.UTF8.GetBytes("name=value&other=1");

        var (status, _) = await HttpTestClient.ConvertAsync(_http, _connector.Url, "f", body, contentType);

        Assert.Equal(200, status);
        Assert.Equal(body, await File.ReadAllBytesAsync(Path.Combine(OutputDirectory, "f")));
        Assert.Equal(contentType, Assert.Single(_connector.Received).ContentType);
    }

    [Fact]
    public async Task Convert_EmptyBody_StoresEmptyFile()
    {
        var (status, _) = await HttpTestClient.ConvertAsync(_http, _connector.Url, "empty", []);

        Assert.Equal(200, status);
        Assert.Equal(0, new FileInfo(Path.Combine(OutputDirectory, "empty")).Length);
    }

    [Fact]
    public async Task Convert_XHeaders_AreRecorded()
    {
        var headers = new Dictionary<string, string> { ["X-File-Sha256"] = "abc", ["x-attempt"] = "2", ["Accept-Language"] = "en" };

        await HttpTestClient.ConvertAsync(_http, _connector.Url, "f", [1], headers: headers);

        var recorded = Assert.Single(_connector.Received).Headers;
        Assert.Equal(2, recorded.Count);
        Assert.Equal("abc", recorded["x-file-sha256"]);
        Assert.Equal("2", recorded["X-Attempt"]);
    }

    [Fact]
    public async Task Convert_SameNameTwice_SecondOverwritesFirst()
    {
        await HttpTestClient.ConvertAsync(_http, _connector.Url, "f", [1, 1]);
        await HttpTestClient.ConvertAsync(_http, _connector.Url, "f", [2]);

        Assert.Equal([2], await File.ReadAllBytesAsync(Path.Combine(OutputDirectory, "f")));
        Assert.Equal(2, _connector.Received.Count);
    }

    [Fact]
    public async Task Convert_LargeStreamedBody_StoredWithMatchingHash()
    {
        const long length = 48L * 1024 * 1024;
        using var content = new GeneratedContent(length, failAfter: null);
        using var response = await _http.PostAsync(HttpTestClient.ConvertUrl(_connector.Url, "big.nfcapd"), content);

        Assert.Equal(200, (int)response.StatusCode);
        var received = Assert.Single(_connector.Received);
        Assert.Equal(length, received.Length);
        Assert.Equal(content.Sha256Hex, received.Sha256Hex);
        await using var stored = File.OpenRead(received.StoredPath);
        Assert.Equal(content.Sha256Hex, Convert.ToHexStringLower(await SHA256.HashDataAsync(stored)));
    }

    [Fact]
    public async Task Convert_ClientAbortsMidBody_KeepsNothingAndRecordsNothing()
    {
        using var content = new GeneratedContent(32L * 1024 * 1024, failAfter: 4L * 1024 * 1024);

        await Assert.ThrowsAnyAsync<Exception>(() => _http.PostAsync(HttpTestClient.ConvertUrl(_connector.Url, "partial"), content));

        await Eventually.TrueAsync(() => _connector.RequestCount == 1 && _connector.InFlight == 0, "aborted request finished");
        Assert.Empty(_connector.Received);
        Assert.Empty(Directory.GetFileSystemEntries(OutputDirectory));
    }

    [Fact]
    public async Task Convert_ConcurrentRequests_AreAllInFlightAtOnce()
    {
        _connector.Mode = ConnectorMode.Hang;
        using var cancel = new CancellationTokenSource();
        var requests = Enumerable.Range(0, 3)
            .Select(i => HttpTestClient.ConvertAsync(_http, _connector.Url, "f" + i, [1], ct: cancel.Token))
            .ToArray();

        await Eventually.TrueAsync(() => _connector.InFlight == 3, "three requests in flight");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(requests));
        await Eventually.TrueAsync(() => _connector.InFlight == 0, "requests finished");

        Assert.Equal(3, _connector.RequestCount);
        Assert.Empty(_connector.Received);
    }

    [Fact]
    public async Task OnReceived_FileStored_IsCalledBeforeAcknowledgement()
    {
        ReceivedFile? seen = null;
        _connector.OnReceived = f => seen = f;

        await HttpTestClient.ConvertAsync(_http, _connector.Url, "f", [1, 2]);

        Assert.NotNull(seen);
        Assert.Equal("f", seen.FileName);
        Assert.Equal(2, seen.Length);
    }

    [Fact]
    public async Task UnknownRoute_Answers404()
    {
        var (status, _) = await HttpTestClient.GetAsync(_http, _connector.Url + "/nope");

        Assert.Equal((int)HttpStatusCode.NotFound, status);
    }
}
