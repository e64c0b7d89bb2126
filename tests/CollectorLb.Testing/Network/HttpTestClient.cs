using System.Net.Http.Headers;

namespace CollectorLb.Testing.Network;

/// <summary>Small helpers to speak the pipeline protocol from tests.</summary>
public static class HttpTestClient
{
    public static HttpClient Create(TimeSpan? timeout = null) => new() { Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public static async Task<(int Status, string Body)> PostJsonAsync(HttpClient client, string url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(url, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<(int Status, string Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs raw bytes to <c>/convert</c> the way a well-behaved sender does.</summary>
    public static async Task<(int Status, string Body)> ConvertAsync(
        HttpClient client, string connectorUrl, string fileName, byte[] body, string? contentType = "application/octet-stream",
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, ConvertUrl(connectorUrl, fileName)) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        using var response = await client.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    public static string ConvertUrl(string connectorUrl, string fileName) =>
        connectorUrl + "/convert?filename=" + Uri.EscapeDataString(fileName);

    public static string Message(string jsonBody)
    {
        using var document = JsonDocument.Parse(jsonBody);
        return document.RootElement.GetProperty("message").GetString()!;
    }

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
