using System.Net;
using CollectorLb.Grains.Health;
using CollectorLb.Silo.Http;

namespace CollectorLb.Silo.Delivery;

/// <summary><c>GET &lt;connector&gt;/ping</c>: healthy only on 200 with <c>{"result":"success","ping":"pong"}</c>.</summary>
internal sealed class HttpConnectorProber(IHttpClientFactory httpClientFactory) : IConnectorProber
{
    public const string HttpClientName = "probe";
    internal const int MaxAnswerBytes = 4096;

    public async Task<bool> PingAsync(string connectorBaseUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName)
                .GetAsync($"{connectorBaseUrl.TrimEnd('/')}/ping", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            // The protocol's pong is a 200, as the upload's acknowledgement is; another 2xx is not a connector's answer.
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var answer = await ConnectorAnswer.ReadAsync(response, MaxAnswerBytes, cancellationToken);
            return answer.IsSuccess && answer.Says("ping", "pong");
        }
        catch (Exception ex) when (NoAnswer.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
