using CollectorLb.Abstractions.Settings;
using CollectorLb.Grains.Connectors.Balancing;

namespace CollectorLb.Grains.Options;

/// <summary>How the ConnectorPoolGrain balances and keeps its view. Section <c>CollectorLb:Pool</c>.</summary>
public sealed class ConnectorPoolOptions : ISettingsSection
{
    public static string SectionName => "CollectorLb:Pool";

    /// <summary>One of <see cref="LoadBalancingPolicies"/>.</summary>
    public string Policy { get; set; } = LoadBalancingPolicies.P2cEwma;

    /// <summary>How often the registry's list is fetched again.</summary>
    [Setting(0.1, 3600)] public double RegistryRefreshSeconds { get; set; } = 15;

    /// <summary>A lease not returned within this time is reclaimed (its silo died mid-upload).</summary>
    [Setting(1, 86400)] public double LeaseTimeoutSeconds { get; set; } = 600;

    /// <summary>Uploads one connector may have outstanding at once, from the whole cluster.</summary>
    [Setting(1, 10000)] public int MaxInFlightPerConnector { get; set; } = 16;

    /// <summary>Consecutive failed uploads that take a connector out of rotation.</summary>
    [Setting(1, 1000)] public int FailuresBeforeEjection { get; set; } = 3;

    /// <summary>First ejection's length; it doubles with each repeat until <see cref="MaxEjectionSeconds"/>.</summary>
    [Setting(0.01, 86400)] public double EjectionSeconds { get; set; } = 5;

    [Setting(0.01, 86400)] public double MaxEjectionSeconds { get; set; } = 300;

    /// <summary>How often ejected connectors are asked <c>GET /ping</c>; a pong lets one trial upload through.</summary>
    [Setting(0.05, 3600)] public double PingSeconds { get; set; } = 5;

    public TimeSpan RegistryRefreshPeriod => TimeSpan.FromSeconds(RegistryRefreshSeconds);

    public TimeSpan LeaseTimeout => TimeSpan.FromSeconds(LeaseTimeoutSeconds);

    public TimeSpan EjectionTime => TimeSpan.FromSeconds(EjectionSeconds);

    public TimeSpan MaxEjectionTime => TimeSpan.FromSeconds(MaxEjectionSeconds);

    public TimeSpan PingPeriod => TimeSpan.FromSeconds(PingSeconds);

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        if (!LoadBalancingPolicies.All.Contains(Policy))
        {
            errors.Add(nameof(Policy), $"must be one of {string.Join(", ", LoadBalancingPolicies.All)}; got '{Policy}'.");
        }
    }
}
