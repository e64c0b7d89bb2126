using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CollectorLb.Testing.Flows;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>
/// The ceiling: a plain <see cref="HttpClient"/> loop in this process posting the same files to the same connectors
/// with the same number of uploads in flight, without Orleans and without the watcher. Worker <c>i</c> posts to
/// connector <c>i mod n</c> and takes the next file from a shared counter. Files stay where they are.
/// </summary>
internal static class CeilingLoop
{
    private const int CopyBufferBytes = 64 * 1024;

    public static async Task<CeilingResult> RunAsync(IReadOnlyList<string> paths, IReadOnlyList<string> connectorUrls, int concurrency)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var next = -1;
        var failures = 0;
        long bytes = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var url = connectorUrls[worker % connectorUrls.Count];
            int index;
            while ((index = Interlocked.Increment(ref next)) < paths.Count)
            {
                var sent = await PostAsync(client, url, paths[index]);
                if (sent < 0)
                {
                    Interlocked.Increment(ref failures);
                }
                else
                {
                    Interlocked.Add(ref bytes, sent);
                }
            }
        })));
        return new CeilingResult(paths.Count - failures, failures, bytes, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Returns the bytes sent, or -1 when the connector did not acknowledge.</summary>
    private static async Task<long> PostAsync(HttpClient client, string connectorUrl, string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var length = file.Length;
        using var content = new StreamContent(file, CopyBufferBytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = length;
        var uri = $"{connectorUrl}/convert?filename={Uri.EscapeDataString(FlowFileFactory.FinalName(path))}";
        using var response = await client.PostAsync(uri, content);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return -1;
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        using var answer = await JsonDocument.ParseAsync(body);
        return answer.RootElement.TryGetProperty("result", out var result) && result.GetString() == "success" ? length : -1;
    }
}
