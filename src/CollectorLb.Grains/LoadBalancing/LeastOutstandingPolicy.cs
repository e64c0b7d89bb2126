using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;

namespace CollectorLb.Grains.LoadBalancing;

internal sealed class LeastOutstandingPolicy : ILoadBalancingPolicy
{
    private uint _counter;

    public string Name => LoadBalancingPolicies.LeastOutstanding;

    public ConnectorState? PickConnector(LeaseRequest request, IReadOnlyList<ConnectorState> available)
    {
        if (available.Count == 0)
        {
            return null;
        }

        var fewest = int.MaxValue;
        var ties = 0;
        foreach (var connector in available)
        {
            if (connector.InFlight < fewest)
            {
                (fewest, ties) = (connector.InFlight, 1);
            }
            else if (connector.InFlight == fewest)
            {
                ties++;
            }
        }

        // Rotate among equally loaded connectors so an idle pool spreads files evenly.
        var wanted = (int)(_counter++ % (uint)ties);
        foreach (var connector in available)
        {
            if (connector.InFlight == fewest && wanted-- == 0)
            {
                return connector;
            }
        }

        return null;
    }
}
