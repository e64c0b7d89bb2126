using System.Net;
using System.Text.Json;
using CollectorLb.Grains.Registry;
using CollectorLb.Silo.Http;

namespace CollectorLb.Silo.Registry;

/// <summary>
/// Reads <c>GET /services</c> (name -> base URL). Registries that do not serve it are asked <c>GET /target</c>
/// until its round-robin comes back to a connector already seen. Entries whose URL is not http(s) with a host
/// are dropped with one log line each; the rest of the list is still used.
/// </summary>
internal sealed partial class HttpRegistryClient(IHttpClientFactory httpClientFactory, ILogger<HttpRegistryClient> logger) : IRegistryClient
{
    public const string HttpClientName = "registry";
    private const int MaxBodyBytes = 1024 * 1024;
    private const int MaxTargetProbes = 64;

    public async Task<IReadOnlyList<RegistryEntry>> GetConnectorsAsync(string registryUrl, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var response = await client.GetAsync($"{registryUrl}/services", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                return await ProbeTargetsAsync(client, registryUrl, cancellationToken);
            }

            var body = await ReadOkBodyAsync(response, "/services", cancellationToken);
            return ParseServices(body);
        }
        catch (Exception ex) when (NoAnswer.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnavailableException($"registry {registryUrl} did not answer: {ex.Message}", ex);
        }
    }

    private async Task<IReadOnlyList<RegistryEntry>> ProbeTargetsAsync(HttpClient client, string registryUrl, CancellationToken cancellationToken)
    {
        var entries = new List<RegistryEntry>();
        for (var probe = 0; probe < MaxTargetProbes; probe++)
        {
            using var response = await client.GetAsync($"{registryUrl}/target", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                return entries; // "Not available service": the map is empty.
            }

            var body = await ReadOkBodyAsync(response, "/target", cancellationToken);
            var target = ParseTarget(body);
            if (entries.Any(e => e.Name == target.Name))
            {
                break; // the round-robin came around
            }

            if (Validate(target.Name, target.BaseUrl) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static async Task<byte[]> ReadOkBodyAsync(HttpResponseMessage response, string route, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RegistryUnavailableException($"{route} answered HTTP {(int)response.StatusCode}");
        }

        try
        {
            return await BoundedBody.ReadAsync(response.Content, MaxBodyBytes, cancellationToken);
        }
        catch (BodyTooLargeException ex)
        {
            throw new RegistryUnavailableException($"{route} answer rejected: {ex.Message}", ex);
        }
    }

    private List<RegistryEntry> ParseServices(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RegistryUnavailableException($"/services answered JSON that is not an object ({json.RootElement.ValueKind})");
            }

            var entries = new List<RegistryEntry>();
            foreach (var property in json.RootElement.EnumerateObject())
            {
                var url = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                if (Validate(property.Name, url) is { } entry)
                {
                    entries.Add(entry);
                }
            }

            return entries;
        }
        catch (JsonException ex)
        {
            throw new RegistryUnavailableException("/services answered something that is not JSON", ex);
        }
    }

    private static (string Name, string? BaseUrl) ParseTarget(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && root.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
            {
                var convertUrl = url.GetString()!;
                const string convertSuffix = "/convert";
                var baseUrl = convertUrl.EndsWith(convertSuffix, StringComparison.Ordinal) ? convertUrl[..^convertSuffix.Length] : convertUrl;
                return (name.GetString()!, baseUrl);
            }

            throw new RegistryUnavailableException("/target answered JSON without a name and url");
        }
        catch (JsonException ex)
        {
            throw new RegistryUnavailableException("/target answered something that is not JSON", ex);
        }
    }

    private RegistryEntry? Validate(string name, string? url)
    {
        if (ConnectorUrl.TryNormalize(url, out var baseUrl) && name.Length > 0)
        {
            return new RegistryEntry(name, baseUrl);
        }

        LogRejectedEntry(logger, name, url ?? "(not a string)");
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "registry entry {Name} rejected: '{Url}' is not an http(s) URL with a host")]
    private static partial void LogRejectedEntry(ILogger logger, string name, string url);
}
