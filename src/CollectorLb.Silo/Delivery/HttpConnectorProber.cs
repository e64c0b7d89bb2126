using System.Text.Json;
using CollectorLb.Grains.Health;
using CollectorLb.Silo.Http;

namespace CollectorLb.Silo.Delivery;

/// <summary><c>GET &lt;connector&gt;/ping</c>: healthy only on 200 with <c>{"result":"success","ping":"pong"}</c>.</summary>
internal sealed class HttpConnectorProber(IHttpClientFactory httpClientFactory) : IConnectorProber
{
    public const string HttpClientName = "probe";
    private const int MaxAnswerBytes = 4096;

    public async Task<bool> PingAsync(string connectorBaseUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName)
                .GetAsync($"{connectorBaseUrl.TrimEnd('/')}/ping", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var json = JsonDocument.Parse(await BoundedBody.ReadAsync(response.Content, MaxAnswerBytes, cancellationToken));
            return ConnectorAnswer.IsSuccess(json.RootElement)
                && json.RootElement.TryGetProperty("ping", out var ping) && ping.ValueKind == JsonValueKind.String && ping.GetString() == "pong";
        }
        catch (Exception ex) when ((ex is JsonException || NoAnswer.Is(ex)) && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
