using CollectorLb.Abstractions.Cluster;
using CollectorLb.Abstractions.Settings;
using StackExchange.Redis;

namespace CollectorLb.Silo.Configuration;

/// <summary>How this silo finds the others and where the cluster keeps its state. Section <c>CollectorLb:Cluster</c>.</summary>
public sealed class SiloClusterOptions : ISettingsSection
{
    public static string SectionName => ClusterSettings.Section;

    /// <summary><see cref="ClusterModes.Embedded"/> (the default) or <see cref="ClusterModes.Redis"/>.</summary>
    public string Mode { get; set; } = ClusterModes.Embedded;

    /// <summary>StackExchange.Redis configuration string for membership, grain state and reminders (redis mode).</summary>
    public string RedisConnectionString { get; set; } = "localhost:6379";

    /// <summary>
    /// Running in a Kubernetes pod (redis mode only): the pod's IP is advertised, the pod is labelled, and silos whose
    /// pods are gone are declared dead. The silo is then named after its pod; the host id travels in silo metadata.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>Stable across deployments: grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = ClusterSettings.DefaultServiceId;

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = ClusterSettings.DefaultClusterId;

    /// <summary>
    /// The IP address other silos and clients reach this silo at (redis mode, outside Kubernetes). Empty: the
    /// host's first non-loopback address.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    public bool IsRedis => string.Equals(Mode, ClusterModes.Redis, StringComparison.OrdinalIgnoreCase);

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        if (!ClusterModes.All.Contains(Mode, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(nameof(Mode), $"must be one of {string.Join(", ", ClusterModes.All)}; got '{Mode}'.");
        }

        if (IsRedis && !IsRedisConfiguration(RedisConnectionString))
        {
            errors.Add(nameof(RedisConnectionString), $"must be a Redis configuration string such as 'redis:6379'; got '{RedisConnectionString}'.");
        }

        if (Kubernetes && !IsRedis)
        {
            // Kubernetes hosting only reflects pods into membership; the membership table itself must be shared.
            errors.Add(nameof(Kubernetes), $"needs {SectionName}:Mode={ClusterModes.Redis}; got Mode '{Mode}'.");
        }

        CheckId(errors, nameof(ServiceId), ServiceId);
        CheckId(errors, nameof(ClusterId), ClusterId);
        if (!string.IsNullOrEmpty(AdvertisedAddress) && !IPAddress.TryParse(AdvertisedAddress, out _))
        {
            errors.Add(nameof(AdvertisedAddress), $"must be an IP address; got '{AdvertisedAddress}'.");
        }
    }

    private static void CheckId(SettingErrors errors, string setting, string value)
    {
        // Kubernetes hosting writes both ids into pod labels, so they must be valid label values.
        if (string.IsNullOrWhiteSpace(value) || value.Length > 63 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add(setting, $"must be 1-63 letters, digits, '-', '_' or '.'; got '{value}'.");
        }
    }

    private static bool IsRedisConfiguration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        try
        {
            return ConfigurationOptions.Parse(value).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
