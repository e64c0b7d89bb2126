using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Grains.Connectors.Balancing;

internal sealed class LeastOutstandingPolicy : ILoadBalancingPolicy
{
    private uint _tieBreaks;

    public string Name => LoadBalancingPolicies.LeastOutstanding;

    public ConnectorState? PickConnector(LeaseRequest request, IReadOnlyList<ConnectorState> available)
    {
        if (available.Count == 0)
        {
            return null;
        }

        var fewest = int.MaxValue;
        var ties = 0;

        // Index loops: foreach over the interface would box an enumerator on every pick.
        for (var i = 0; i < available.Count; i++)
        {
            var connector = available[i];
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
        var wanted = (int)(_tieBreaks++ % (uint)ties);
        for (var i = 0; i < available.Count; i++)
        {
            if (available[i].InFlight == fewest && wanted-- == 0)
            {
                return available[i];
            }
        }

        return null;
    }
}
