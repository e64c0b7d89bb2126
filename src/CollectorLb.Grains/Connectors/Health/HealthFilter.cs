using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Grains.Connectors.Health;

/// <summary>
/// Filters the connectors a file may go to: the healthy ones, plus an ejected one whose cool-down is over and
/// that has no upload running (its single trial). When none qualifies, the least bad one (the cool-down ending
/// soonest), so delivery goes on slowly rather than stalls; not for files that already failed in this outage,
/// which wait for a connector to come back rather than keep failing.
/// </summary>
internal static class HealthFilter
{
    public static IReadOnlyList<ConnectorState> Filter(IReadOnlyList<ConnectorState> connectors, DateTimeOffset now, bool leastBadWhenNoneHealthy = true) =>
        Filter([], connectors, now, leastBadWhenNoneHealthy);

    /// <summary>Fills a list the caller reuses, so a pick allocates nothing.</summary>
    public static List<ConnectorState> Filter(List<ConnectorState> into, IReadOnlyList<ConnectorState> connectors, DateTimeOffset now, bool leastBadWhenNoneHealthy = true)
    {
        into.Clear();
        ConnectorState? leastBad = null;
        // Index loop: foreach over the interface would box an enumerator on every pick.
        for (var i = 0; i < connectors.Count; i++)
        {
            var connector = connectors[i];
            if (connector.EjectedUntil is null || connector.IsTrialReady(now))
            {
                into.Add(connector);
            }
            else if (connector.InFlight == 0 && (leastBad is null || connector.EjectedUntil < leastBad.EjectedUntil))
            {
                leastBad = connector;
            }
        }

        if (into.Count == 0 && leastBad is not null && leastBadWhenNoneHealthy)
        {
            into.Add(leastBad);
        }

        return into;
    }
}
