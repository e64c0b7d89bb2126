using CollectorLb.Grains.Registry;
using CollectorLb.Silo.Configuration;
using CollectorLb.Silo.Http;
using Polly.Timeout;

namespace CollectorLb.Silo.Registry;

/// <summary>
/// Reads <c>GET /services</c> (name -> base URL). Registries that do not serve it are asked <c>GET /target</c>
/// until its round-robin comes back to a connector already seen. Each read of the list, answers' bodies included,
/// is one try under <c>Registry:TimeoutSeconds</c>, retried on a blip, all within one overall deadline: a registry
/// that stalls mid-answer fails the read, it never holds it. Odd entries are dropped (<see cref="RegistryEntryFilter"/>).
/// </summary>
internal sealed class HttpRegistryClient(
    IHttpClientFactory httpClientFactory,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<PortOptions> ports,
    ILogger<HttpRegistryClient> logger) : IRegistryClient
{
    /// <summary>The name of the registry's HTTP client and of the pipeline that holds its deadlines and retries.</summary>
    public const string HttpClientName = "registry";
    private const int MaxBodyBytes = 1024 * 1024;
    private const int MaxTargetProbes = 64;

    private readonly ResiliencePipeline _deadline = pipelines.GetPipeline(HttpClientName);
    private readonly RegistryEntryFilter _filter = new(new OwnPorts(ports.Value), logger);

    public async Task<IReadOnlyList<RegistryEntry>> GetConnectorsAsync(string registryUrl, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        List<(string Name, string? Url)> listed;
        try
        {
            listed = await _deadline.ExecuteAsync(static (read, deadline) => ReadListAsync(read.client, read.registryUrl, deadline), (client, registryUrl), cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is not null)
        {
            throw new RegistryUnavailableException($"registry {registryUrl}: {ex.Message}", ex);
        }
        catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnavailableException($"registry {registryUrl} gave no whole answer within {ex.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", ex);
        }
        catch (Exception ex) when (NoAnswer.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnavailableException($"registry {registryUrl} did not answer: {PeerError.Describe(ex)}", ex);
        }

        return _filter.Filter(listed);
    }

    /// <summary>Whether a failed read of the list is worth another try at once: the network or the registry had a blip.</summary>
    internal static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,
        HttpRequestException { StatusCode: { } status } => IsTransient(status),
        _ => exception is HttpRequestException or IOException or TimeoutRejectedException,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        status is >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static async ValueTask<List<(string Name, string? Url)>> ReadListAsync(HttpClient client, string registryUrl, CancellationToken deadline)
    {
        using var response = await client.GetAsync($"{registryUrl}/services", HttpCompletionOption.ResponseHeadersRead, deadline);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            return await ProbeTargetsAsync(client, registryUrl, deadline);
        }

        var body = await ReadOkBodyAsync(response, "/services", deadline);
        return ParseServices(body);
    }

    private static async Task<List<(string Name, string? Url)>> ProbeTargetsAsync(HttpClient client, string registryUrl, CancellationToken deadline)
    {
        var listed = new List<(string Name, string? Url)>();
        for (var probe = 0; probe < MaxTargetProbes; probe++)
        {
            using var response = await client.GetAsync($"{registryUrl}/target", HttpCompletionOption.ResponseHeadersRead, deadline);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                return listed; // "Not available service": the map is empty.
            }

            var target = ParseTarget(await ReadOkBodyAsync(response, "/target", deadline));
            if (listed.Exists(e => e.Name == target.Name))
            {
                break; // the round-robin came around
            }

            listed.Add(target);
        }

        return listed;
    }

    private static async Task<byte[]> ReadOkBodyAsync(HttpResponseMessage response, string route, CancellationToken deadline)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{route} answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        try
        {
            return await BoundedBody.ReadAsync(response.Content, MaxBodyBytes, deadline);
        }
        catch (BodyTooLargeException ex)
        {
            throw new RegistryUnavailableException($"{route} answer rejected: {ex.Message}", ex);
        }
    }

    private static List<(string Name, string? Url)> ParseServices(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RegistryUnavailableException($"/services answered JSON that is not an object ({json.RootElement.ValueKind})");
            }

            // Every property as listed, repeated names included: the filter decides which one counts.
            return json.RootElement.EnumerateObject()
                .Select(property => (property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null))
                .ToList();
        }
        catch (JsonException ex)
        {
            throw new RegistryUnavailableException("/services answered something that is not JSON", ex);
        }
    }

    private static (string Name, string? Url) ParseTarget(byte[] body)
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
}
