using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.UnitTests.Grains.Connectors.Balancing;

internal static class PolicyTestData
{
    public static LeaseRequest Request(long bytes = 1024) => new("h/c/f", bytes, []);

    public static ConnectorState Connector(string name, int inFlight = 0) =>
        new(name, $"http://{name}:7000", TimeProvider.System) { InFlight = inFlight };

    /// <summary>A connector whose latency estimate runs on <paramref name="time"/>, optionally with one answer recorded.</summary>
    public static ConnectorState Timed(string name, TimeProvider time, TimeSpan? answeredIn = null, long bytes = 1024 * 1024, int inFlight = 0)
    {
        var connector = new ConnectorState(name, $"http://{name}:7000", time) { InFlight = inFlight };
        if (answeredIn is { } duration)
        {
            connector.Latency.Record(bytes, duration);
        }

        return connector;
    }
}
