namespace CollectorLb.Grains.LoadBalancing;

/// <summary>Makes the policy configuration names; each pool activation gets its own (policies keep counters).</summary>
internal static class LoadBalancingPolicyFactory
{
    public static ILoadBalancingPolicy Create(string name) => name switch
    {
        LoadBalancingPolicies.RoundRobin => new RoundRobinPolicy(),
        LoadBalancingPolicies.LeastOutstanding => new LeastOutstandingPolicy(),
        _ => throw new ArgumentException($"Unknown balancing policy '{name}'; expected one of {string.Join(", ", LoadBalancingPolicies.All)}.", nameof(name)),
    };
}
