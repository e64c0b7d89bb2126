using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Grains.Connectors.Balancing;

/// <summary>
/// Power of two random choices weighed by peak-EWMA latency: draws two different connectors and picks the one
/// expected to finish this file sooner (seconds/MB x (MB outstanding + this file's MB)). Two random candidates,
/// not the global minimum, so many pickers with slightly stale views do not all pile onto the same connector.
/// </summary>
internal sealed class P2cEwmaPolicy(Random random) : ILoadBalancingPolicy
{
    /// <summary>
    /// What each consecutive failure adds to a connector's expected time: a failed upload costs the file a retry.
    /// Latency is learnt from acknowledged uploads only, so without this a connector that answers pings but fails
    /// every upload would look as cheap as an idle unknown one, and keep winning.
    /// </summary>
    public const double FailurePenaltySeconds = 1;

    public string Name => LoadBalancingPolicies.P2cEwma;

    public ConnectorState? PickConnector(LeaseRequest request, IReadOnlyList<ConnectorState> available)
    {
        var count = available.Count;
        if (count == 0)
        {
            return null;
        }

        if (count == 1)
        {
            return available[0];
        }

        // Two distinct indexes without a retry loop: the second skips over the first.
        var firstIndex = random.Next(count);
        var secondIndex = random.Next(count - 1);
        if (secondIndex >= firstIndex)
        {
            secondIndex++;
        }

        var first = available[firstIndex];
        var second = available[secondIndex];
        return Cost(first, request) <= Cost(second, request) ? first : second;
    }

    private static double Cost(ConnectorState connector, LeaseRequest request) =>
        connector.Latency.CostOf(connector.InFlight, connector.InFlightBytes, request.SizeBytes)
        + (connector.ConsecutiveFailures * FailurePenaltySeconds);
}
