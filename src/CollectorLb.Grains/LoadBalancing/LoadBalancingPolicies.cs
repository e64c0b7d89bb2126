namespace CollectorLb.Grains.LoadBalancing;

/// <summary>Names of the balancing policies, as configuration spells them.</summary>
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

    public static IReadOnlyList<string> All { get; } = [RoundRobin, LeastOutstanding, P2cEwma];
}
