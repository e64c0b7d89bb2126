using CollectorLb.Abstractions.Cluster;

namespace CollectorLb.Silo.Configuration;

/// <summary>The values of <c>CollectorLb:Cluster:Mode</c>.</summary>
public static class ClusterModes
{
    /// <summary>One silo on its own: localhost clustering, memory grain storage, in-memory reminders.</summary>
    public const string Embedded = "embedded";

    /// <summary>Many silos: membership, grain state and reminders in Redis.</summary>
    public const string Redis = ClusterSettings.RedisMode;

    public static IReadOnlyList<string> All { get; } = [Embedded, Redis];
}
