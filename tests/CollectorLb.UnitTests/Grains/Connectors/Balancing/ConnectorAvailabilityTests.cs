using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Balancing;
using CollectorLb.Grains.Connectors.Model;
using static CollectorLb.UnitTests.Grains.Connectors.Balancing.PolicyTestData;

namespace CollectorLb.UnitTests.Grains.Connectors.Balancing;

public class ConnectorAvailabilityTests
{
    [Fact]
    public void Fill_NoConnectors_LeavesTheListEmpty()
    {
        var into = new List<ConnectorState> { Connector("stale") };

        Assert.Empty(ConnectorAvailability.Fill(into, [], Request(), 16));
    }

    [Fact]
    public void Fill_ConnectorAtItsCap_IsLeftOut()
    {
        var full = Connector("full", inFlight: 16);
        var free = Connector("free", inFlight: 15);

        Assert.Equal([free], ConnectorAvailability.Fill([], [full, free], Request(), 16));
    }

    [Fact]
    public void Fill_FileFailedOnAConnector_AvoidsItWhileOthersAreAvailable()
    {
        var failedOn = Connector("failed-on");
        var other = Connector("other");
        var request = new LeaseRequest("h/c/f", 1024, ["failed-on"]);

        Assert.Equal([other], ConnectorAvailability.Fill([], [failedOn, other], request, 16));
    }

    [Fact]
    public void Fill_OnlyConnectorsTheFileFailedOn_OffersThemRatherThanNothing()
    {
        var failedOn = Connector("failed-on");
        var full = Connector("full", inFlight: 16);
        var request = new LeaseRequest("h/c/f", 1024, ["failed-on"]);

        Assert.Equal([failedOn], ConnectorAvailability.Fill([], [failedOn, full], request, 16));
    }

    [Fact]
    public void Fill_FileFailedOnEveryConnector_OffersAllButTheOneItFailedOnLast()
    {
        var first = Connector("first");
        var last = Connector("last");
        var request = new LeaseRequest("h/c/f", 1024, ["first", "last"]);

        Assert.Equal([first], ConnectorAvailability.Fill([], [first, last], request, 16));
    }
}
