using BenchmarkDotNet.Attributes;
using CollectorLb.Abstractions.Connectors;
using CollectorLb.Benchmarks.Rig;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.LoadBalancing;

namespace CollectorLb.Benchmarks.Picks;

/// <summary>
/// The pool grain's pick path without Orleans around it: the availability filter (in-flight cap, connectors the file
/// failed on) and the policy, over connectors with mixed load and latency, some at their cap.
/// </summary>
[MemoryDiagnoser]
public class PickPathBenchmarks
{
    public const int PicksPerInvoke = 1_000;

    private readonly List<ConnectorState> _available = [];
    private readonly LeaseRequest _request = new("bench/1/nfcapd.202611270400", 4096, []);
    private List<ConnectorState> _connectors = [];
    private ILoadBalancingPolicy _policy = null!;

    [Params(LoadBalancingPolicies.RoundRobin, LoadBalancingPolicies.LeastOutstanding, LoadBalancingPolicies.P2cEwma)]
    public string Policy { get; set; } = LoadBalancingPolicies.P2cEwma;

    [Params(4, 64)]
    public int Connectors { get; set; } = 4;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _policy = LoadBalancingPolicyFactory.Create(Policy, new Random(7));
        _connectors = Enumerable.Range(0, Connectors).Select(i =>
        {
            var connector = new ConnectorState($"connector-{i}", $"http://127.0.0.1:{7000 + i}")
            {
                InFlight = random.Next(SiloDefaults.InFlightPerConnector + 1),
            };
            connector.InFlightBytes = connector.InFlight * 4096L;
            connector.Latency.Record(4096, TimeSpan.FromMilliseconds(1 + random.Next(10)));
            return connector;
        }).ToList();

        // A pick path that finds no connector measures nothing: every pick of a run must find one.
        if (Pick() < PicksPerInvoke * "connector-0".Length)
        {
            throw new InvalidOperationException($"{Policy} over {Connectors} connectors missed picks.");
        }
    }

    [Benchmark(OperationsPerInvoke = PicksPerInvoke)]
    public int Pick()
    {
        // Returns the picks' name lengths so the JIT cannot drop the work.
        var sum = 0;
        for (var i = 0; i < PicksPerInvoke; i++)
        {
            sum += _policy.PickConnector(_request, ConnectorAvailability.Fill(_available, _connectors, _request, SiloDefaults.InFlightPerConnector))?.Name.Length ?? 0;
        }

        return sum;
    }
}
