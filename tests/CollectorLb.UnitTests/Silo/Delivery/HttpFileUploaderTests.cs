using System.Globalization;
using System.Text;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Delivery;
using CollectorLb.Silo.Hosting;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.UnitTests.Silo.Delivery;

public sealed class HttpFileUploaderTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double TimeoutSeconds = 2;

    /// <summary>Far above the 2 s deadline: what matters is that the attempt ends at the deadline, not never.</summary>
    private static readonly TimeSpan GenerousBound = TimeSpan.FromSeconds(10);

    /// <summary>Far more than loopback's socket buffers hold, so a peer that stops reading stops the body.</summary>
    private const long LargeFileBytes = 64L << 20;

    private readonly TempDirectory _directory = new("uploader");
    private readonly RawTcpConnector _connector = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task UploadAsync_ConnectorAcknowledges_IsAcknowledgedAndTheConnectorHasTheWholeFile()
    {
        var content = FlowFiles.Distinct(1);
        var path = WriteFile("nfcapd.202612030600", content);

        var (result, _) = await UploadAsync(path);

        Assert.Equal(UploadOutcome.Acknowledged, result.Outcome);
        Assert.True(result.BodySent);
        Assert.Equal(content.Length, result.BytesSent);
        var received = Assert.Single(_connector.Received);
        Assert.Equal(("nfcapd.202612030600", FlowFiles.Sha256(content), true, "host-a/1/nfcapd.202612030600/" + content.Length),
            (received.FileName, received.Sha256Hex, received.Complete, received.FileId));
    }

    [Fact]
    public async Task UploadAsync_AnswerStallsAfter200HeadersAndHalfTheJson_IsNoAnswerWithTheBodySent_AtTheDeadline()
    {
        _connector.Behavior = RawBehavior.StallAfterPartialJson;
        var path = WriteFile("nfcapd.202612030601", FlowFiles.Distinct(2));

        var (result, took) = await UploadAsync(path);

        output.WriteLine($"stalled answer ended after {took.TotalSeconds:F2} s (deadline {TimeoutSeconds} s): {result.Error}");
        Assert.Equal(UploadOutcome.NoAnswer, result.Outcome);
        Assert.True(result.BodySent);
        Assert.True(result.OutcomeUnknown);
        Assert.True(took < GenerousBound, $"took {took}");
        Assert.True(Assert.Single(_connector.Received).Complete);
    }

    [Theory]
    [InlineData("stall before answer")]
    [InlineData("answer after the deadline")]
    [InlineData("reset after body")]
    public async Task UploadAsync_WholeBodySentThenNoWholeAnswer_IsNoAnswerWithTheBodySent(string behavior)
    {
        _connector.Behavior = behavior switch
        {
            "stall before answer" => RawBehavior.StallBeforeAnswer,
            "answer after the deadline" => RawBehavior.AnswerAfter(TimeSpan.FromSeconds(TimeoutSeconds + 3)),
            _ => RawBehavior.ResetAfterBody,
        };
        var content = FlowFiles.Distinct(3);
        var path = WriteFile("nfcapd.202612030602", content);

        var (result, took) = await UploadAsync(path);

        output.WriteLine($"{behavior}: {result.Outcome} after {took.TotalSeconds:F2} s: {result.Error}");
        Assert.Equal(UploadOutcome.NoAnswer, result.Outcome);
        Assert.True(result.BodySent);
        Assert.Equal(content.Length, result.BytesSent);
        Assert.True(took < GenerousBound, $"took {took}");
    }

    [Fact]
    public async Task UploadAsync_ResetAfterPartOfTheBody_IsUnavailableWithoutTheBodySent()
    {
        _connector.Behavior = RawBehavior.ResetAfterBodyBytes(64 * 1024);
        var path = WriteLargeFile("nfcapd.202612030603");

        var (result, _) = await UploadAsync(path);

        Assert.Equal(UploadOutcome.Unavailable, result.Outcome);
        Assert.False(result.BodySent);
        Assert.True(result.BytesSent < LargeFileBytes);
        Assert.False(Assert.Single(_connector.Received).Complete);
    }

    [Fact]
    public async Task UploadAsync_ConnectorStopsReadingTheBody_IsUnavailableAtTheDeadline()
    {
        _connector.Behavior = RawBehavior.StallAfterBodyBytes(64 * 1024);
        var path = WriteLargeFile("nfcapd.202612030604");

        var (result, took) = await UploadAsync(path);

        output.WriteLine($"stalled body ended after {took.TotalSeconds:F2} s: {result.Error}");
        Assert.Equal(UploadOutcome.Unavailable, result.Outcome);
        Assert.False(result.BodySent);
        Assert.True(took < GenerousBound, $"took {took}");
    }

    [Fact]
    public async Task UploadAsync_ConnectionRefused_IsUnavailable()
    {
        _connector.Behavior = RawBehavior.Refuse;
        var path = WriteFile("nfcapd.202612030605", FlowFiles.Distinct(5));

        var (result, _) = await UploadAsync(path);

        Assert.Equal(UploadOutcome.Unavailable, result.Outcome);
        Assert.False(result.BodySent);
        Assert.Equal(0, result.BytesSent);
        Assert.Null(result.StatusCode);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task UploadAsync_GatewayOrServiceUnavailableAnswer_IsUnavailable(int status)
    {
        _connector.Behavior = RawBehavior.AnswerWith(status, """{"result":"error","message":"try later"}""");
        var path = WriteFile("nfcapd.202612030606", FlowFiles.Distinct(6));

        var (result, _) = await UploadAsync(path);

        Assert.Equal(UploadOutcome.Unavailable, result.Outcome);
        Assert.Equal(status, result.StatusCode);
        Assert.Contains($"HTTP {status}", result.Error);
    }

    [Theory]
    [InlineData(400, """{"result":"error","message":"not an nfcapd file"}""")]
    [InlineData(500, """{"result":"error","message":"nfdump failed"}""")]
    [InlineData(501, "")]
    [InlineData(200, """{"result":"error","message":"disk full"}""")]
    [InlineData(200, "<html>ok</html>")]
    [InlineData(302, "")]
    [InlineData(200, "answer over the limit")]
    public async Task UploadAsync_AnswerThatIsNotAnAcknowledgement_IsRefused(int status, string body)
    {
        if (body == "answer over the limit")
        {
            body = $$"""{"result":"success","padding":"{{new string('x', HttpFileUploader.MaxAnswerBytes)}}"}""";
        }

        _connector.Behavior = RawBehavior.AnswerWith(status, body);
        var path = WriteFile("nfcapd.202612030607", FlowFiles.Distinct(7));

        var (result, _) = await UploadAsync(path);

        output.WriteLine(result.Error);
        Assert.Equal(UploadOutcome.Refused, result.Outcome);
        Assert.Equal(status, result.StatusCode);
        Assert.True(result.BodySent);
    }

    [Fact]
    public async Task UploadAsync_OurTokenCancelledWhileTheAnswerStalls_IsCancelledWithTheBodySent()
    {
        _connector.Behavior = RawBehavior.StallBeforeAnswer;
        var path = WriteFile("nfcapd.202612030608", FlowFiles.Distinct(8));
        using var shutdown = new CancellationTokenSource();

        var upload = UploadAsync(path, timeoutSeconds: 60, cancellationToken: shutdown.Token);
        await Eventually.TrueAsync(() => _connector.Received.Any(r => r.Complete), "the connector read the whole body", TimeSpan.FromSeconds(30));
        await shutdown.CancelAsync();
        var (result, took) = await upload;

        Assert.Equal(UploadOutcome.Cancelled, result.Outcome);
        Assert.True(result.BodySent);
        Assert.True(result.OutcomeUnknown);
        Assert.True(took < TimeSpan.FromSeconds(30), $"took {took}");
    }

    [Fact]
    public async Task UploadAsync_FileCannotBeOpened_IsUnreadableWithTheErrorsMessageAndHResult()
    {
        const int emfile = 24;
        var opener = new ScriptedOpener(_ => throw new IOException("Too many open files", emfile));

        var (result, _) = await UploadAsync(WriteFile("nfcapd.202612030609", FlowFiles.Distinct(9)), opener);

        Assert.Equal(UploadOutcome.Unreadable, result.Outcome);
        Assert.False(result.BodySent);
        Assert.Contains("Too many open files", result.Error);
        Assert.Contains("HResult 24", result.Error);
        Assert.Empty(_connector.Received);
    }

    [Fact]
    public async Task UploadAsync_FileReadFailsMidUpload_IsUnreadableNotUnavailable()
    {
        const int eio = 5;
        var opener = new ScriptedOpener(path => new FailingFileStream(path, failAt: 256 * 1024, new IOException("Input/output error", eio)));

        var (result, _) = await UploadAsync(WriteLargeFile("nfcapd.202612030610"), opener);

        Assert.Equal(UploadOutcome.Unreadable, result.Outcome);
        Assert.False(result.BodySent);
        Assert.Contains("Input/output error", result.Error);
        Assert.Contains("HResult 5", result.Error);
    }

    [Fact]
    public async Task Refusal_200WithResultSuccess_IsNull()
    {
        using var answer = await ReadAsync(HttpStatusCode.OK, """{"result":"success"}""");

        Assert.Null(HttpFileUploader.Refusal(answer));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"result":"error","message":"disk full"}""", "without \"result\":\"success\"")]
    [InlineData(HttpStatusCode.OK, """ok""", "not JSON")]
    [InlineData(HttpStatusCode.OK, """["success"]""", "without")]
    [InlineData(HttpStatusCode.OK, "", "not JSON")]
    [InlineData(HttpStatusCode.BadRequest, """{"result":"error","message":"bad"}""", "HTTP 400")]
    [InlineData(HttpStatusCode.InternalServerError, """{"result":"success"}""", "HTTP 500")]
    [InlineData(HttpStatusCode.Found, "", "HTTP 302")]
    public async Task Refusal_AnythingElse_SaysWhyItIsNotAnAcknowledgement(HttpStatusCode status, string body, string reason)
    {
        using var answer = await ReadAsync(status, body);

        var refusal = HttpFileUploader.Refusal(answer);

        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal);
    }

    private static Task<ConnectorAnswer> ReadAsync(HttpStatusCode status, string body) =>
        ConnectorAnswer.ReadAsync(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") }, HttpFileUploader.MaxAnswerBytes, CancellationToken.None);

    private async Task<(UploadResult Result, TimeSpan Took)> UploadAsync(
        string path,
        IFileOpener? opener = null,
        double timeoutSeconds = TimeoutSeconds,
        CancellationToken cancellationToken = default)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CollectorLb:Upload:TimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["CollectorLb:Upload:ConnectTimeoutSeconds"] = "1",
        };
        var services = new ServiceCollection().AddLogging();
        if (opener is not null)
        {
            services.AddSingleton(opener);
        }

        await using var provider = services.AddCollectorLbServices(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        var name = Path.GetFileName(path);
        var request = new UploadRequest(_connector.Url, path, name, $"host-a/1/{name}/{new FileInfo(path).Length}");
        var watch = Stopwatch.StartNew();
        var result = await provider.GetRequiredService<IFileUploader>().UploadAsync(request, cancellationToken);
        return (result, watch.Elapsed);
    }

    private string WriteFile(string name, byte[] content)
    {
        var path = _directory.Combine(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A sparse file: large, yet nothing to write.</summary>
    private string WriteLargeFile(string name)
    {
        var path = _directory.Combine(name);
        using var file = File.Create(path);
        file.SetLength(LargeFileBytes);
        return path;
    }

    private sealed class ScriptedOpener(Func<string, FileStream> open) : IFileOpener
    {
        public FileStream OpenRead(string path) => open(path);
    }

    /// <summary>A file whose reads fail from <paramref name="failAt"/> on, as a disk that returns EIO mid-file.</summary>
    private sealed class FailingFileStream(string path, long failAt, IOException error)
        : FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= failAt
                ? ValueTask.FromException<int>(error)
                : base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, failAt - Position)], cancellationToken);
    }
}
