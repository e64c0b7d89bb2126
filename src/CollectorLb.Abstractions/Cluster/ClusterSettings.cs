namespace CollectorLb.Abstractions.Cluster;

/// <summary>
/// What the silos and their clients (dashboard, CLI) must agree on to meet: where the cluster settings live and
/// their defaults. With none set, a client reaches the embedded silo's gateway on localhost.
/// </summary>
public static class ClusterSettings
{
    /// <summary>Mode, Redis connection string, ids and (clients only) gateways.</summary>
    public const string Section = "CollectorLb:Cluster";

    /// <summary>The silo's ports; clients read the gateway port from it.</summary>
    public const string PortsSection = "CollectorLb:Ports";

    /// <summary>The mode whose membership, grain state and reminders live in Redis.</summary>
    public const string RedisMode = "redis";

    public const string DefaultClusterId = "collectorlb";

    public const string DefaultServiceId = "collectorlb";

    public const int DefaultGatewayPort = 30000;
}
