using CollectorLb.DevServices.Connector;

namespace CollectorLb.Testing.Waiting;

/// <summary>
/// Waits until every expected file name reached one of the connectors. Each poll copies each connector's list once,
/// into a set of names: with thousands of files, a lookup per name in fresh copies of the lists would cost millions.
/// </summary>
public static class DeliveryWait
{
    /// <summary>Returns once all of <paramref name="expected"/> were received; on timeout <paramref name="describe"/> is given the names received.</summary>
    public static Task UntilReceivedAsync(IEnumerable<ConnectorServer> connectors, IEnumerable<string> expected, Func<IReadOnlySet<string>, string> describe, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(
            () =>
            {
                var received = NamesReceived(connectors);
                return expected.All(received.Contains);
            },
            () => describe(NamesReceived(connectors)),
            timeout);

    private static HashSet<string> NamesReceived(IEnumerable<ConnectorServer> connectors) =>
        connectors.SelectMany(c => c.Received).Select(r => r.FileName).ToHashSet(StringComparer.Ordinal);
}
