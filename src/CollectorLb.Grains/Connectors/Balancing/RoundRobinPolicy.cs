using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Grains.Connectors.Balancing;

internal sealed class RoundRobinPolicy : ILoadBalancingPolicy
{
    private uint _counter;

    public string Name => LoadBalancingPolicies.RoundRobin;

    public ConnectorState? PickConnector(LeaseRequest request, IReadOnlyList<ConnectorState> available)
    {
        if (available.Count == 0)
        {
            return null;
        }

        // The pool grain calls this one turn at a time, so a plain counter is enough.
        return available[(int)(_counter++ % (uint)available.Count)];
    }
}
