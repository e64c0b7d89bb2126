using System.Net;
using CollectorLb.Silo.Http;
using System.Text.Json;

namespace CollectorLb.Silo.Delivery;

/// <summary>Reads a connector's answer to <c>/convert</c>: only 200 with <c>"result":"success"</c> is an acknowledgement.</summary>
internal static class ConnectorAnswer
{
    private const int MaxAnswerBytes = 64 * 1024;

    /// <summary>Null when the connector acknowledged the file; otherwise why not.</summary>
    public static async Task<string?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(response.Content, MaxAnswerBytes, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"HTTP {(int)response.StatusCode}: {Describe(body)}";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return IsSuccess(json.RootElement) ? null : $"HTTP 200 without \"result\":\"success\": {Describe(body)}";
        }
        catch (JsonException)
        {
            return $"HTTP 200 with an answer that is not JSON: {Describe(body)}";
        }
    }

    /// <summary>The connectors' sign of success, in every answer: an object with <c>"result":"success"</c>.</summary>
    public static bool IsSuccess(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object
        && answer.TryGetProperty("result", out var result)
        && result.ValueKind == JsonValueKind.String
        && result.GetString() == "success";

    private static string Describe(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ");
        return text.Length == 0 ? "(empty)" : text;
    }
}
