using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Health;

namespace CollectorLb.UnitTests.Grains.Health;

public class AvailableConnectorsPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 4, 40, 0, TimeSpan.Zero);

    [Fact]
    public void Filter_EmptyList_ReturnsEmpty()
    {
        Assert.Empty(AvailableConnectorsPolicy.Filter([], Now));
    }

    [Fact]
    public void Filter_SomeEjected_ReturnsOnlyTheHealthy()
    {
        var healthy = new ConnectorState("a", "http://a");
        var ejected = new ConnectorState("b", "http://b") { EjectedUntil = Now.AddSeconds(10) };

        Assert.Equal([healthy], AvailableConnectorsPolicy.Filter([healthy, ejected], Now));
    }

    [Fact]
    public void Filter_CoolDownOver_LetsOneTrialThrough()
    {
        var idle = new ConnectorState("a", "http://a") { EjectedUntil = Now.AddSeconds(-1) };
        var onTrial = new ConnectorState("b", "http://b") { EjectedUntil = Now.AddSeconds(-1), InFlight = 1 };
        var healthy = new ConnectorState("c", "http://c");

        Assert.Equal([idle, healthy], AvailableConnectorsPolicy.Filter([idle, onTrial, healthy], Now));
    }

    [Fact]
    public void Filter_EveryoneEjected_ReturnsTheLeastBadRatherThanNothing()
    {
        var later = new ConnectorState("a", "http://a") { EjectedUntil = Now.AddSeconds(30) };
        var sooner = new ConnectorState("b", "http://b") { EjectedUntil = Now.AddSeconds(5) };

        Assert.Equal([sooner], AvailableConnectorsPolicy.Filter([later, sooner], Now));
    }
}
