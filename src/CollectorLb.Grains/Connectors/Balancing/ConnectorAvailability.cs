using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Grains.Connectors.Balancing;

/// <summary>
/// The connectors a pick may choose from, among those health allows: under the per-connector in-flight cap and,
/// while others remain, not those this file already failed on. Fills a list the caller reuses, so a pick allocates nothing.
/// </summary>
internal static class ConnectorAvailability
{
    public static List<ConnectorState> Fill(List<ConnectorState> into, IReadOnlyList<ConnectorState> allowedByHealth, LeaseRequest request, int maxInFlightPerConnector)
    {
        into.Clear();
        var avoided = 0;
        // Index loops: foreach over the interface would box an enumerator on every pick.
        for (var i = 0; i < allowedByHealth.Count; i++)
        {
            var connector = allowedByHealth[i];
            if (connector.InFlight >= maxInFlightPerConnector)
            {
                continue;
            }

            if (request.Avoid.Count > 0 && request.Avoid.Contains(connector.Name))
            {
                avoided++;
                continue;
            }

            into.Add(connector);
        }

        if (into.Count == 0 && avoided > 0)
        {
            // Only connectors this file failed on are left: better one of them than waiting, but not the one it
            // failed on last (Avoid lists the most recent failure last) while another remains.
            var lastFailed = request.Avoid[^1];
            for (var i = 0; i < allowedByHealth.Count; i++)
            {
                if (allowedByHealth[i].InFlight < maxInFlightPerConnector && allowedByHealth[i].Name != lastFailed)
                {
                    into.Add(allowedByHealth[i]);
                }
            }

            for (var i = 0; into.Count == 0 && i < allowedByHealth.Count; i++)
            {
                if (allowedByHealth[i].InFlight < maxInFlightPerConnector)
                {
                    into.Add(allowedByHealth[i]);
                }
            }
        }

        return into;
    }
}
