namespace CollectorLb.Grains.LoadBalancing;

/// <summary>Makes the policy configuration names; each pool activation gets its own (policies keep counters).</summary>
internal static class LoadBalancingPolicyFactory
{
    public static ILoadBalancingPolicy Create(string name) => Create(name, Random.Shared);

    /// <summary>Tests pass a seeded <paramref name="random"/> so random policies pick deterministically.</summary>
    public static ILoadBalancingPolicy Create(string name, Random random) => name switch
    {
        LoadBalancingPolicies.RoundRobin => new RoundRobinPolicy(),
        LoadBalancingPolicies.LeastOutstanding => new LeastOutstandingPolicy(),
        LoadBalancingPolicies.P2cEwma => new P2cEwmaPolicy(random),
        _ => throw new ArgumentException($"Unknown balancing policy '{name}'; expected one of {string.Join(", ", LoadBalancingPolicies.All)}.", nameof(name)),
    };
}
