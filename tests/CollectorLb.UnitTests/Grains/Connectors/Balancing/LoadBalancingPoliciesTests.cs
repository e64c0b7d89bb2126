using CollectorLb.Grains.Connectors.Balancing;
using CollectorLb.Grains.Options;

namespace CollectorLb.UnitTests.Grains.Connectors.Balancing;

public class LoadBalancingPoliciesTests
{
    [Fact]
    public void Create_EveryConfiguredName_MakesThePolicyOfThatName()
    {
        foreach (var name in LoadBalancingPolicies.All)
        {
            Assert.Equal(name, LoadBalancingPolicies.Create(name).Name);
        }
    }

    [Fact]
    public void Create_UnknownName_ThrowsNamingTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => LoadBalancingPolicies.Create("fastest"));

        Assert.Contains(LoadBalancingPolicies.LeastOutstanding, error.Message);
    }

    [Fact]
    public void Policy_NotConfigured_IsP2cEwma()
    {
        Assert.Equal(LoadBalancingPolicies.P2cEwma, new ConnectorPoolOptions().Policy);
    }
}
