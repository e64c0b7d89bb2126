using CollectorLb.Grains.Connectors;

namespace CollectorLb.Grains.Health;

/// <summary>
/// Filters the connectors a file may go to: the healthy ones, plus an ejected one whose cool-down is over and
/// that has no upload running (its single trial). When none qualifies, the least bad one (the cool-down ending
/// soonest), so delivery goes on slowly rather than stalls.
/// </summary>
internal static class AvailableConnectorsPolicy
{
    public static IReadOnlyList<ConnectorState> Filter(IReadOnlyList<ConnectorState> connectors, DateTimeOffset now)
    {
        var available = connectors.Where(c => c.EjectedUntil is null || (c.EjectedUntil <= now && c.InFlight == 0)).ToList();
        if (available.Count > 0 || connectors.Count == 0)
        {
            return available;
        }

        var leastBad = connectors.Where(c => c.InFlight == 0).MinBy(c => c.EjectedUntil);
        return leastBad is null ? [] : [leastBad];
    }
}
