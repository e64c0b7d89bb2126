using CollectorLb.Grains.Connectors.Balancing;
using static CollectorLb.UnitTests.Grains.Connectors.Balancing.PolicyTestData;

namespace CollectorLb.UnitTests.Grains.Connectors.Balancing;

public class RoundRobinPolicyTests
{
    [Fact]
    public void PickConnector_EmptyList_ReturnsNull()
    {
        Assert.Null(new RoundRobinPolicy().PickConnector(Request(), []));
    }

    [Fact]
    public void PickConnector_Repeatedly_CyclesThroughAllIgnoringLoad()
    {
        var connectors = new[] { Connector("a", 9), Connector("b"), Connector("c") };
        var policy = new RoundRobinPolicy();

        var picks = Enumerable.Range(0, 6).Select(_ => policy.PickConnector(Request(), connectors)!.Name).ToList();

        Assert.Equal(["a", "b", "c", "a", "b", "c"], picks);
    }
}
