using CollectorLb.Grains.Connectors.Balancing;

namespace CollectorLb.Grains.Options;

/// <summary>How the ConnectorPoolGrain balances and keeps its view. Section <c>CollectorLb:Pool</c>.</summary>
public sealed class ConnectorPoolOptions
{
    public const string SectionName = "CollectorLb:Pool";

    /// <summary>One of <see cref="LoadBalancingPolicies"/>.</summary>
    public string Policy { get; set; } = LoadBalancingPolicies.P2cEwma;

    /// <summary>How often the registry's list is fetched again.</summary>
    public double RegistryRefreshSeconds { get; set; } = 15;

    /// <summary>A lease not returned within this time is reclaimed (its silo died mid-upload).</summary>
    public double LeaseTimeoutSeconds { get; set; } = 600;

    /// <summary>Uploads one connector may have outstanding at once, from the whole cluster.</summary>
    public int MaxInFlightPerConnector { get; set; } = 16;

    /// <summary>Consecutive failed uploads that take a connector out of rotation.</summary>
    public int FailuresBeforeEjection { get; set; } = 3;

    /// <summary>First ejection's length; it doubles with each repeat until <see cref="MaxEjectionSeconds"/>.</summary>
    public double EjectionSeconds { get; set; } = 5;

    public double MaxEjectionSeconds { get; set; } = 300;

    /// <summary>How often ejected connectors are asked <c>GET /ping</c>; a pong lets one trial upload through.</summary>
    public double PingSeconds { get; set; } = 5;
}
