using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CollectorLb.Grains.Delivery;
using CollectorLb.Silo.Configuration;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CollectorLb.Silo.Delivery;

/// <summary>
/// <c>POST &lt;connector&gt;/convert?filename=&lt;name&gt;</c> with the file streamed from disk (a small copy buffer,
/// never the whole file in memory). Delivered only on HTTP 200 with <c>"result":"success"</c>.
/// </summary>
internal sealed class HttpFileUploader(IHttpClientFactory httpClientFactory, IOptions<UploadOptions> options) : IFileUploader
{
    public const string HttpClientName = "connectors";
    public const string FileIdHeader = "X-CollectorLb-File-Id";
    private const int CopyBufferBytes = 64 * 1024;
    internal const int MaxAnswerBytes = 64 * 1024;

    private readonly MediaTypeHeaderValue _contentType = MediaTypeHeaderValue.Parse(options.Value.ContentType);

    public async Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        FileStream file;
        try
        {
            file = new FileStream(request.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return UploadResult.Failure(UploadOutcome.Unreadable, $"cannot read the file: {ex.Message}", 0, stopwatch.Elapsed);
        }

        await using (file)
        {
            var length = file.Length;
            using var content = new StreamContent(file, CopyBufferBytes);
            content.Headers.ContentType = _contentType;
            content.Headers.ContentLength = length;
            using var message = new HttpRequestMessage(HttpMethod.Post, ConvertUri(request)) { Content = content };
            message.Headers.TryAddWithoutValidation(FileIdHeader, request.FileId);
            try
            {
                using var response = await httpClientFactory.CreateClient(HttpClientName)
                    .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                using var answer = await ConnectorAnswer.ReadAsync(response, MaxAnswerBytes, cancellationToken);
                var verdict = Refusal(answer);
                return verdict is null
                    ? UploadResult.Success(length, stopwatch.Elapsed)
                    : UploadResult.Failure(UploadOutcome.Refused, verdict, length, stopwatch.Elapsed, (int)response.StatusCode, bodySent: true);
            }
            catch (TimeoutRejectedException)
            {
                return UploadResult.Failure(UploadOutcome.NoAnswer, $"no answer within {options.Value.TimeoutSeconds} s", length, stopwatch.Elapsed, bodySent: true);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return UploadResult.Failure(UploadOutcome.Unavailable, $"transport error: {ex.Message}", length, stopwatch.Elapsed);
            }
            catch (OperationCanceledException)
            {
                return UploadResult.Failure(UploadOutcome.Cancelled, "cancelled: the silo is stopping", length, stopwatch.Elapsed);
            }
        }
    }

    /// <summary>Null when the connector acknowledged the file; otherwise why not.</summary>
    internal static string? Refusal(ConnectorAnswer answer) =>
        answer.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)answer.StatusCode}: {answer.Describe()}"
        : !answer.IsJson ? $"HTTP 200 with an answer that is not JSON: {answer.Describe()}"
        : !answer.IsSuccess ? $"HTTP 200 without \"result\":\"success\": {answer.Describe()}"
        : null;

    private static Uri ConvertUri(UploadRequest request) =>
        new($"{request.ConnectorBaseUrl.TrimEnd('/')}/convert?filename={Uri.EscapeDataString(request.FileName)}");
}
