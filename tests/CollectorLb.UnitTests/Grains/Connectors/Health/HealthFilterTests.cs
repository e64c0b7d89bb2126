using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.UnitTests.Grains.Connectors.Health;

public class HealthFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 4, 40, 0, TimeSpan.Zero);

    [Fact]
    public void Filter_EmptyList_ReturnsEmpty()
    {
        Assert.Empty(HealthFilter.Filter([], Now));
    }

    [Fact]
    public void Filter_SomeEjected_ReturnsOnlyTheHealthy()
    {
        var healthy = new ConnectorState("a", "http://a", TimeProvider.System);
        var ejected = new ConnectorState("b", "http://b", TimeProvider.System) { EjectedUntil = Now.AddSeconds(10) };

        Assert.Equal([healthy], HealthFilter.Filter([healthy, ejected], Now));
    }

    [Fact]
    public void Filter_CoolDownOver_LetsOneTrialThrough()
    {
        var idle = new ConnectorState("a", "http://a", TimeProvider.System) { EjectedUntil = Now.AddSeconds(-1) };
        var onTrial = new ConnectorState("b", "http://b", TimeProvider.System) { EjectedUntil = Now.AddSeconds(-1), InFlight = 1 };
        var healthy = new ConnectorState("c", "http://c", TimeProvider.System);

        Assert.Equal([idle, healthy], HealthFilter.Filter([idle, onTrial, healthy], Now));
    }

    [Fact]
    public void Filter_EveryoneEjected_ReturnsTheLeastBadRatherThanNothing()
    {
        var later = new ConnectorState("a", "http://a", TimeProvider.System) { EjectedUntil = Now.AddSeconds(30) };
        var sooner = new ConnectorState("b", "http://b", TimeProvider.System) { EjectedUntil = Now.AddSeconds(5) };

        Assert.Equal([sooner], HealthFilter.Filter([later, sooner], Now));
    }
}
