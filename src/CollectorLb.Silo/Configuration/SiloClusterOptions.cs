using CollectorLb.Abstractions.Cluster;

namespace CollectorLb.Silo.Configuration;

/// <summary>How this silo finds the others and where the cluster keeps its state. Section <c>CollectorLb:Cluster</c>.</summary>
public sealed class SiloClusterOptions
{
    public const string SectionName = ClusterSettings.Section;

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
}
