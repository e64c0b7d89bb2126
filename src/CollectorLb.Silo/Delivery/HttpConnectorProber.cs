using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Silo.Http;

namespace CollectorLb.Silo.Delivery;

/// <summary>
/// <c>GET &lt;connector&gt;/ping</c>: healthy only on 200 with <c>{"result":"success","ping":"pong"}</c>, the whole answer
/// within <see cref="Deadline"/>.
/// </summary>
internal sealed class HttpConnectorProber(IHttpClientFactory httpClientFactory, ResiliencePipelineProvider<string> pipelines) : IConnectorProber
{
    /// <summary>The name of the pings' HTTP client and of the pipeline that holds their deadline.</summary>
    public const string HttpClientName = "probe";
    internal const int MaxAnswerBytes = 4096;

    /// <summary>A pong is a few bytes from a connector that is idle or nearly: connect, ask and read, all of it.</summary>
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    private readonly ResiliencePipeline _deadline = pipelines.GetPipeline(HttpClientName);

    public async Task<bool> PingAsync(string connectorBaseUrl, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        var url = $"{connectorBaseUrl.TrimEnd('/')}/ping";
        try
        {
            return await _deadline.ExecuteAsync(static (ping, deadline) => IsPongAsync(ping.client, ping.url, deadline), (client, url), cancellationToken);
        }
        catch (Exception ex) when (NoAnswer.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async ValueTask<bool> IsPongAsync(HttpClient client, string url, CancellationToken deadline)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline);
        // The protocol's pong is a 200, as the upload's acknowledgement is; another 2xx is not a connector's answer.
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        using var answer = await ConnectorAnswer.ReadAsync(response, MaxAnswerBytes, deadline);
        return answer.IsSuccess && answer.Says("ping", "pong");
    }
}
