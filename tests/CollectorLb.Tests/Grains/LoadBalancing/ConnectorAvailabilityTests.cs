using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.LoadBalancing;
using static CollectorLb.Tests.Grains.LoadBalancing.PolicyTestData;

namespace CollectorLb.Tests.Grains.LoadBalancing;

public class ConnectorAvailabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fill_NoConnectors_LeavesTheListEmpty()
    {
        var into = new List<ConnectorState> { Connector("stale") };

        Assert.Empty(ConnectorAvailability.Fill(into, [], Request(), 16, Now));
    }

    [Fact]
    public void Fill_ConnectorAtItsCap_IsLeftOut()
    {
        var full = Connector("full", inFlight: 16);
        var free = Connector("free", inFlight: 15);

        Assert.Equal([free], ConnectorAvailability.Fill([], [full, free], Request(), 16, Now));
    }

    [Fact]
    public void Fill_EjectedConnector_IsLeftOutUntilItsCoolDownEnds()
    {
        var ejected = Connector("ejected");
        ejected.EjectedUntil = Now.AddSeconds(5);
        var cooledDown = Connector("cooled-down");
        cooledDown.EjectedUntil = Now;

        Assert.Equal([cooledDown], ConnectorAvailability.Fill([], [ejected, cooledDown], Request(), 16, Now));
        Assert.Equal([ejected, cooledDown], ConnectorAvailability.Fill([], [ejected, cooledDown], Request(), 16, Now.AddSeconds(5)));
    }

    [Fact]
    public void Fill_FileFailedOnAConnector_AvoidsItWhileOthersAreAvailable()
    {
        var failedOn = Connector("failed-on");
        var other = Connector("other");
        var request = new LeaseRequest("h/c/f", 1024, ["failed-on"]);

        Assert.Equal([other], ConnectorAvailability.Fill([], [failedOn, other], request, 16, Now));
    }

    [Fact]
    public void Fill_OnlyConnectorsTheFileFailedOn_OffersThemRatherThanNothing()
    {
        var failedOn = Connector("failed-on");
        var full = Connector("full", inFlight: 16);
        var request = new LeaseRequest("h/c/f", 1024, ["failed-on"]);

        Assert.Equal([failedOn], ConnectorAvailability.Fill([], [failedOn, full], request, 16, Now));
    }
}
