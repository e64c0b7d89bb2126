using BenchmarkDotNet.Attributes;
using CollectorLb.Abstractions.Connectors;
using CollectorLb.Benchmarks.Rig;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Connectors.Balancing;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Benchmarks.Picks;

/// <summary>
/// The pool grain's pick path without Orleans around it: the <see cref="ConnectorPicker"/> the pool and each silo's
/// local view call (trial, health filter, in-flight cap, connectors the file failed on, then the policy), over
/// connectors with mixed load and latency, some at their cap.
/// </summary>
[MemoryDiagnoser]
public class PickPathBenchmarks
{
    public const int PicksPerInvoke = 1_000;

    private readonly LeaseRequest _request = new("bench/1/nfcapd.202611270400", 4096, []);
    private List<ConnectorState> _connectors = [];
    private ConnectorPicker _picker = null!;

    [Params(LoadBalancingPolicies.RoundRobin, LoadBalancingPolicies.LeastOutstanding, LoadBalancingPolicies.P2cEwma)]
    public string Policy { get; set; } = LoadBalancingPolicies.P2cEwma;

    [Params(4, 64)]
    public int Connectors { get; set; } = 4;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _picker = new ConnectorPicker(LoadBalancingPolicies.Create(Policy, new Random(7)), TimeProvider.System);
        _connectors = Enumerable.Range(0, Connectors).Select(i =>
        {
            var connector = new ConnectorState($"connector-{i}", $"http://127.0.0.1:{7000 + i}", TimeProvider.System)
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
            sum += _picker.Pick(_connectors, _request, SiloDefaults.InFlightPerConnector)?.Name.Length ?? 0;
        }

        return sum;
    }
}
