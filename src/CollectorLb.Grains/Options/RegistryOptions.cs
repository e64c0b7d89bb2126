namespace CollectorLb.Grains.Options;

/// <summary>Where the Registry Service is. Section <c>CollectorLb:Registry</c>; the old variables REGISTRY_IP and REGISTRY_PORT map here.</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "CollectorLb:Registry";

    /// <summary>Host name or address (REGISTRY_IP).</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Port (REGISTRY_PORT).</summary>
    public int Port { get; set; } = 5000;

    /// <summary><c>http</c> or <c>https</c>.</summary>
    public string Scheme { get; set; } = "http";

    /// <summary>Time allowed for one registry request.</summary>
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>The registry's base URL; also the key of the ConnectorPoolGrain that caches it.</summary>
    public string BaseUrl => new UriBuilder(Scheme, Host, Port).Uri.GetLeftPart(UriPartial.Authority);
}
