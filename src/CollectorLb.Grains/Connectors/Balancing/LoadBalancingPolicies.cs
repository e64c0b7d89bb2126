namespace CollectorLb.Grains.Connectors.Balancing;

/// <summary>
/// The balancing policies: their names as configuration spells them, and the one table that registers each by its
/// name. Each pool (and each silo's local view) makes its own: policies keep counters.
/// </summary>
public static class LoadBalancingPolicies
{
    /// <summary>Each connector in turn, as the registry's own <c>/target</c> does.</summary>
    public const string RoundRobin = "round-robin";

    /// <summary>The connector with the fewest uploads outstanding; round-robin among equals.</summary>
    public const string LeastOutstanding = "least-outstanding";

    /// <summary>
    /// Two random connectors, the one expected to finish the file sooner: peak-EWMA seconds per MB x (MB outstanding +
    /// the file's MB). The default: it follows connectors that differ in speed.
    /// </summary>
    public const string P2cEwma = "p2c-ewma";

    private static readonly (string Name, Func<Random, ILoadBalancingPolicy> Create)[] Registered =
    [
        (RoundRobin, _ => new RoundRobinPolicy()),
        (LeastOutstanding, _ => new LeastOutstandingPolicy()),
        (P2cEwma, random => new P2cEwmaPolicy(random)),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Registered.Select(policy => policy.Name)];

    /// <summary>Makes the policy named <paramref name="name"/>; tests pass a seeded <paramref name="random"/> so random policies pick deterministically.</summary>
    internal static ILoadBalancingPolicy Create(string name, Random? random = null) =>
        Registered.FirstOrDefault(policy => policy.Name == name).Create?.Invoke(random ?? Random.Shared)
        ?? throw new ArgumentException($"Unknown balancing policy '{name}'; expected one of {string.Join(", ", All)}.", nameof(name));
}
