namespace CollectorLb.Grains.LoadBalancing;

/// <summary>Names of the balancing policies, as configuration spells them.</summary>
public static class LoadBalancingPolicies
{
    /// <summary>Each connector in turn, as the registry's own <c>/target</c> does.</summary>
    public const string RoundRobin = "round-robin";

    /// <summary>The connector with the fewest uploads outstanding; round-robin among equals.</summary>
    public const string LeastOutstanding = "least-outstanding";

    public static IReadOnlyList<string> All { get; } = [RoundRobin, LeastOutstanding];
}
