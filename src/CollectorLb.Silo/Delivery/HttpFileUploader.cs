using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Configuration;
using CollectorLb.Silo.Http;
using Polly.Timeout;

namespace CollectorLb.Silo.Delivery;

/// <summary>
/// <c>POST &lt;connector&gt;/convert?filename=&lt;name&gt;</c> with the file streamed from disk. Delivered only on HTTP 200
/// with <c>"result":"success"</c>. One deadline, <see cref="UploadOptions.TimeoutSeconds"/>, covers the whole exchange:
/// connect, the body, the answer's headers and the answer's body. Every way it can end is one <see cref="UploadOutcome"/>.
/// </summary>
internal sealed class HttpFileUploader(
    IHttpClientFactory httpClientFactory,
    ResiliencePipelineProvider<string> pipelines,
    IFileOpener fileOpener,
    IOptions<UploadOptions> options,
    TimeProvider timeProvider) : IFileUploader
{
    /// <summary>The name of the uploads' HTTP client and of the pipeline that holds their deadline.</summary>
    public const string HttpClientName = "connectors";
    public const string FileIdHeader = "X-CollectorLb-File-Id";
    internal const int MaxAnswerBytes = 64 * 1024;

    // Read at the first upload, not when the uploader is made: an invalid setting must stop the start through the
    // options' validation, which names every bad setting, not here with only this one.
    private MediaTypeHeaderValue? _contentType;
    private ResiliencePipeline? _deadline;

    private MediaTypeHeaderValue ContentType => _contentType ??= MediaTypeHeaderValue.Parse(options.Value.ContentType);

    private ResiliencePipeline Deadline => _deadline ??= pipelines.GetPipeline(HttpClientName);

    public async Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        FileStream file;
        long length;
        try
        {
            file = fileOpener.OpenRead(request.FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return UploadResult.Failure(UploadOutcome.Unreadable, CannotRead(ex), 0, timeProvider.GetElapsedTime(started));
        }

        await using (file)
        {
            try
            {
                length = file.Length;
            }
            catch (IOException ex)
            {
                return UploadResult.Failure(UploadOutcome.Unreadable, CannotRead(ex), 0, timeProvider.GetElapsedTime(started));
            }

            using var body = new FileBody(file, length, ContentType);
            using var message = new HttpRequestMessage(HttpMethod.Post, ConvertUri(request)) { Content = body };
            message.Headers.TryAddWithoutValidation(FileIdHeader, request.FileId);
            var exchange = new ConvertExchange(httpClientFactory.CreateClient(HttpClientName), message);
            ConnectorAnswer answer;
            try
            {
                answer = await Deadline.ExecuteAsync(static (exchange, deadline) => exchange.RunAsync(deadline), exchange, cancellationToken);
            }
            catch (Exception ex) when (NoAnswer.Is(ex) || body.ReadError is not null)
            {
                return Unanswered(ex, exchange.Status, body, timeProvider.GetElapsedTime(started), cancellationToken);
            }

            using (answer)
            {
                return Judge(answer, body, timeProvider.GetElapsedTime(started));
            }
        }
    }

    /// <summary>Null when the connector acknowledged the file; otherwise why not.</summary>
    internal static string? Refusal(ConnectorAnswer answer) =>
        answer.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)answer.StatusCode}: {answer.Describe()}"
        : !answer.IsJson ? $"HTTP 200 with an answer that is not JSON: {answer.Describe()}"
        : !answer.IsSuccess ? $"HTTP 200 without \"result\":\"success\": {answer.Describe()}"
        : null;

    /// <summary>The connector cannot take files now, whatever the file: a gateway in front of it, or the connector, says so.</summary>
    private static bool SaysUnavailable(HttpStatusCode status) =>
        status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static UploadResult Judge(ConnectorAnswer answer, FileBody body, TimeSpan elapsed)
    {
        var refusal = Refusal(answer);
        return refusal is null ? UploadResult.Success(body.Length, elapsed)
            : UploadResult.Failure(
                SaysUnavailable(answer.StatusCode) ? UploadOutcome.Unavailable : UploadOutcome.Refused,
                refusal,
                body.BytesSent,
                elapsed,
                (int)answer.StatusCode,
                body.BodySent);
    }

    /// <summary>The exchange broke off: by our shutdown, the file, the network, the connector or the deadline.</summary>
    private UploadResult Unanswered(Exception exception, HttpStatusCode? status, FileBody body, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var bodySent = body.BodySent;
        var bytes = body.BytesSent;
        if (cancellationToken.IsCancellationRequested)
        {
            var when = bodySent ? "after the whole body was sent" : $"after {bytes} of {body.Length} bytes";
            return UploadResult.Failure(UploadOutcome.Cancelled, $"cancelled {when}: the silo is stopping", bytes, elapsed, bodySent: bodySent);
        }

        if (body.ReadError is { } readError)
        {
            return UploadResult.Failure(UploadOutcome.Unreadable, CannotRead(readError), bytes, elapsed);
        }

        var timedOut = exception is TimeoutRejectedException;
        var seconds = options.Value.TimeoutSeconds.ToString(CultureInfo.InvariantCulture);
        if (status is { } answered)
        {
            // Its headers came, its body did not (or was over the limit): a status that is not 200 decides alone.
            var code = (int)answered;
            var why = $"HTTP {code} without a whole body: {(timedOut ? $"the {seconds} s deadline passed" : PeerError.Describe(exception))}";
            if (SaysUnavailable(answered))
            {
                return UploadResult.Failure(UploadOutcome.Unavailable, why, bytes, elapsed, code, bodySent);
            }

            if (answered != HttpStatusCode.OK || exception is BodyTooLargeException)
            {
                return UploadResult.Failure(UploadOutcome.Refused, why, bytes, elapsed, code, bodySent);
            }

            return bodySent
                ? UploadResult.Failure(UploadOutcome.NoAnswer, $"the whole body was sent, then {why}", bytes, elapsed, bodySent: true)
                : UploadResult.Failure(UploadOutcome.Unavailable, $"{why} (after {bytes} of {body.Length} bytes)", bytes, elapsed);
        }

        if (bodySent)
        {
            var why = timedOut ? $"no answer within {seconds} s" : PeerError.Describe(exception);
            return UploadResult.Failure(UploadOutcome.NoAnswer, $"the whole body was sent, then {why}", bytes, elapsed, bodySent: true);
        }

        var failure = timedOut ? $"the body was not sent within {seconds} s" : PeerError.Describe(exception);
        return UploadResult.Failure(UploadOutcome.Unavailable, $"{failure} (after {bytes} of {body.Length} bytes)", bytes, elapsed);
    }

    private static string CannotRead(Exception exception) =>
        $"cannot read the file: {exception.Message} (HResult {exception.HResult.ToString(CultureInfo.InvariantCulture)})";

    private static Uri ConvertUri(UploadRequest request) =>
        new($"{request.ConnectorBaseUrl.TrimEnd('/')}/convert?filename={Uri.EscapeDataString(request.FileName)}");

    /// <summary>One request and its answer, run under the deadline; remembers the status once the headers came.</summary>
    private sealed class ConvertExchange(HttpClient client, HttpRequestMessage message)
    {
        public HttpStatusCode? Status { get; private set; }

        public async ValueTask<ConnectorAnswer> RunAsync(CancellationToken deadline)
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline);
            Status = response.StatusCode;
            return await ConnectorAnswer.ReadAsync(response, MaxAnswerBytes, deadline);
        }
    }
}
