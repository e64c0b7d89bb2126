using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Grains.Options;

/// <summary>Where the Registry Service is. Section <c>CollectorLb:Registry</c>; the old variables REGISTRY_IP and REGISTRY_PORT map here.</summary>
public sealed class RegistryOptions : ISettingsSection
{
    public static string SectionName => "CollectorLb:Registry";

    /// <summary>Host name or address (REGISTRY_IP).</summary>
    [Setting(Legacy = "REGISTRY_IP")] public string Host { get; set; } = "localhost";

    /// <summary>Port (REGISTRY_PORT).</summary>
    [Setting(1, 65535, Legacy = "REGISTRY_PORT")] public int Port { get; set; } = 5000;

    /// <summary><c>http</c> or <c>https</c>.</summary>
    public string Scheme { get; set; } = "http";

    /// <summary>Time allowed for one registry request.</summary>
    [Setting(0.1, 600)] public double TimeoutSeconds { get; set; } = 5;

    /// <summary>The registry's base URL; also the key of the ConnectorPoolGrain that caches it.</summary>
    public string BaseUrl => new UriBuilder(Scheme, Host, Port).Uri.GetLeftPart(UriPartial.Authority);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Host) || Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            errors.Add(nameof(Host), $"must be a host name or IP address; got '{Host}'.");
        }

        if (Scheme is not ("http" or "https"))
        {
            errors.Add(nameof(Scheme), $"must be http or https; got '{Scheme}'.");
        }
    }
}
