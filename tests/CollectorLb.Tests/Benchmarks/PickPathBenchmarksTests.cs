using CollectorLb.Benchmarks.Picks;
using CollectorLb.Grains.LoadBalancing;

namespace CollectorLb.Tests.Benchmarks;

public class PickPathBenchmarksTests
{
    [Fact]
    public void Pick_EveryPolicyAndSize_PicksAConnectorEachTime()
    {
        foreach (var policy in LoadBalancingPolicies.All)
        {
            foreach (var connectors in new[] { 4, 64 })
            {
                var benchmark = new PickPathBenchmarks { Policy = policy, Connectors = connectors };
                benchmark.Setup();

                // Each pick adds the picked connector's name length ("connector-N"); a missed pick adds 0.
                Assert.True(benchmark.Pick() >= PickPathBenchmarks.PicksPerInvoke * "connector-0".Length, $"{policy} over {connectors} connectors missed picks");
            }
        }
    }
}
