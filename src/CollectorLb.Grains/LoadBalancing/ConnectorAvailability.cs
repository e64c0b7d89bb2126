using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;

namespace CollectorLb.Grains.LoadBalancing;

/// <summary>
/// The connectors a pick may choose from: not ejected, under the per-connector in-flight cap, and, while others
/// remain, not those this file already failed on. Fills a list the caller reuses, so a pick allocates nothing.
/// </summary>
internal static class ConnectorAvailability
{
    public static List<ConnectorState> Fill(
        List<ConnectorState> into, IReadOnlyList<ConnectorState> connectors, LeaseRequest request, int maxInFlightPerConnector, DateTimeOffset now)
    {
        into.Clear();
        var avoided = 0;
        foreach (var connector in connectors)
        {
            if (connector.InFlight >= maxInFlightPerConnector || connector.EjectedUntil > now)
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
            // Only connectors this file failed on are left: better one of them than waiting.
            foreach (var connector in connectors)
            {
                if (connector.InFlight < maxInFlightPerConnector && !(connector.EjectedUntil > now))
                {
                    into.Add(connector);
                }
            }
        }

        return into;
    }
}
