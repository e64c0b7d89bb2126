using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;

namespace CollectorLb.Tests.Grains.LoadBalancing;

internal static class PolicyTestData
{
    public static LeaseRequest Request(long bytes = 1024) => new("h/c/f", bytes, []);

    public static ConnectorState Connector(string name, int inFlight = 0) =>
        new(name, $"http://{name}:7000") { InFlight = inFlight };
}
