using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Connectors.Balancing;
using CollectorLb.Grains.Options;

namespace CollectorLb.UnitTests.Grains.Connectors;

public class LocalConnectorViewTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Update_NewSnapshot_ThisSilosUploadsStayCounted()
    {
        var view = new LocalConnectorView(new ConnectorPoolOptions { Policy = LoadBalancingPolicies.LeastOutstanding }, _time);
        view.Update(Snapshot());
        Assert.NotNull(view.TryLend(new LeaseRequest("h/1/a", 4096, []), maxInFlightPerConnector: 1));

        view.Update(Snapshot());

        Assert.Null(view.TryLend(new LeaseRequest("h/1/b", 4096, []), maxInFlightPerConnector: 1));
        Assert.Equal(1, view.Outstanding);
    }

    [Fact]
    public void Return_LeaseOfThisView_FreesTheConnectorAndWakesAWaitingPick()
    {
        var view = new LocalConnectorView(new ConnectorPoolOptions { Policy = LoadBalancingPolicies.LeastOutstanding }, _time);
        view.Update(Snapshot());
        var lease = view.TryLend(new LeaseRequest("h/1/a", 4096, []), maxInFlightPerConnector: 1)!;
        var freed = view.Freed;

        view.Return(new LeaseOutcome(lease.LeaseId, Acknowledged: true, 4096, TimeSpan.FromMilliseconds(2), null));

        Assert.True(freed.IsCompleted);
        Assert.True(LocalConnectorView.IsLocal(lease.LeaseId));
        Assert.NotNull(view.TryLend(new LeaseRequest("h/1/b", 4096, []), maxInFlightPerConnector: 1));
    }

    [Fact]
    public void TryLend_BeforeAnySnapshot_NoLease()
    {
        var view = new LocalConnectorView(new ConnectorPoolOptions(), _time);

        Assert.Null(view.TryLend(new LeaseRequest("h/1/a", 4096, []), maxInFlightPerConnector: 16));
        Assert.Equal(0, view.ConnectorCount);
    }

    private static ConnectorPoolSnapshot Snapshot() => new()
    {
        Registry = "http://registry:5000",
        Policy = LoadBalancingPolicies.LeastOutstanding,
        Connectors = [ScriptedPool.Connector("c1")],
    };
}
