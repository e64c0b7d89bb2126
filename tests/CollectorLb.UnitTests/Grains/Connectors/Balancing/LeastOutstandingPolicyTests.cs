using CollectorLb.Grains.Connectors.Balancing;
using static CollectorLb.UnitTests.Grains.Connectors.Balancing.PolicyTestData;

namespace CollectorLb.UnitTests.Grains.Connectors.Balancing;

public class LeastOutstandingPolicyTests
{
    [Fact]
    public void PickConnector_EmptyList_ReturnsNull()
    {
        Assert.Null(new LeastOutstandingPolicy().PickConnector(Request(), []));
    }

    [Fact]
    public void PickConnector_OneConnector_ReturnsIt()
    {
        var only = Connector("a", inFlight: 5);

        Assert.Same(only, new LeastOutstandingPolicy().PickConnector(Request(), [only]));
    }

    [Fact]
    public void PickConnector_UnequalLoad_ReturnsTheLeastLoaded()
    {
        var busy = Connector("busy", 3);
        var idle = Connector("idle", 1);
        var policy = new LeastOutstandingPolicy();

        for (var i = 0; i < 5; i++)
        {
            Assert.Same(idle, policy.PickConnector(Request(), [busy, idle, Connector("busier", 9)]));
        }
    }

    [Fact]
    public void PickConnector_Ties_RotatesAmongTheEquals()
    {
        var a = Connector("a", 1);
        var b = Connector("b", 1);
        var c = Connector("c", 2);
        var policy = new LeastOutstandingPolicy();

        var picks = Enumerable.Range(0, 4).Select(_ => policy.PickConnector(Request(), [a, c, b])!.Name).ToList();

        Assert.Equal(["a", "b", "a", "b"], picks);
    }
}
