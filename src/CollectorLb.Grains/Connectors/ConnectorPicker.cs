using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Balancing;
using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Grains.Connectors.Model;
using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Connectors;

/// <summary>
/// Chooses the connector for one file: an ejected connector whose cool-down is over gets it as its one trial, whatever
/// the policy would say (a policy weighing failures would never choose it), unless the file just failed on it; otherwise
/// the policy picks among the connectors available to the file (healthy, or the least bad one; under the cap; not those it
/// failed on while others remain). The pool and a silo's local view pick with it, so both follow the same rules. Not
/// thread-safe; its lists are reused, so a pick allocates nothing.
/// </summary>
internal sealed class ConnectorPicker(ILoadBalancingPolicy policy, TimeProvider timeProvider)
{
    private readonly List<ConnectorState> _allowedByHealth = [];
    private readonly List<ConnectorState> _available = [];

    public string PolicyName => policy.Name;

    /// <summary>A picker with the policy <paramref name="options"/> name.</summary>
    public static ConnectorPicker For(ConnectorPoolOptions options, TimeProvider timeProvider) =>
        new(LoadBalancingPolicies.Create(options.Policy), timeProvider);

    /// <summary>The chosen connector, or null when none may take the file now.</summary>
    public ConnectorState? Pick(IReadOnlyList<ConnectorState> connectors, LeaseRequest request, int maxInFlightPerConnector)
    {
        var now = timeProvider.GetUtcNow();
        return TrialCandidate(connectors, request, now)
            ?? policy.PickConnector(
                request,
                ConnectorAvailability.Fill(
                    _available,
                    HealthFilter.Filter(_allowedByHealth, connectors, now, leastBadWhenNoneHealthy: !request.OnlyHealthy),
                    request,
                    maxInFlightPerConnector));
    }

    private static ConnectorState? TrialCandidate(IReadOnlyList<ConnectorState> connectors, LeaseRequest request, DateTimeOffset now)
    {
        // Index loop: foreach over the interface would box an enumerator on every pick.
        for (var i = 0; i < connectors.Count; i++)
        {
            var connector = connectors[i];
            if (connector.IsTrialReady(now) && (request.Avoid.Count == 0 || request.Avoid[^1] != connector.Name))
            {
                return connector;
            }
        }

        return null;
    }
}
