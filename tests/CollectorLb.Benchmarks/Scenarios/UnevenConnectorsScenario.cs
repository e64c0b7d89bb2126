using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;
using CollectorLb.Grains.Connectors.Balancing;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>
/// d. 4 connectors, one 10x slower (100 ms against 10 ms), files arriving at a steady rate below saturation: the
/// share of files each connector got and the latency, once per balancing policy (a fresh silo each, warmed up by 3 s
/// of files at the same rate).
/// </summary>
internal sealed class UnevenConnectorsScenario : IScenario
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(100);

    public string Id => "d";

    public string Title => "4 connectors, one 10x slower, per policy";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        ConnectorSpec[] connectors = [ConnectorSpec.Slow(Fast), ConnectorSpec.Slow(Fast), ConnectorSpec.Slow(Fast), ConnectorSpec.Slow(Slow)];
        var slowName = $"connector-{connectors.Length}";
        await using var stage = await ScenarioStage.StartAsync("d", connectors);
        var p99 = new Dictionary<string, double>();
        foreach (var policy in LoadBalancingPolicies.All)
        {
            var files = stage.MakeFiles(size.UnevenFiles);
            var warmUp = stage.MakeFiles(Math.Min(size.WarmUpFiles, (int)(size.UnevenRate * 3)));
            await stage.StartSiloAsync(size, new Dictionary<string, string> { ["Pool:Policy"] = policy }, warmUp: []);

            // Warm up at the measured rate, so every policy starts from what it learns in steady state, not from a burst.
            await stage.DeliverPacedAsync(warmUp, size.UnevenRate, size.Timeout);
            var run = await stage.DeliverPacedAsync(files, size.UnevenRate, size.Timeout);
            await stage.StopSiloAsync();

            var latency = LatencySummary.Of(run.LatencyMilliseconds);
            var shares = run.PerConnector;
            var slowShare = shares.GetValueOrDefault(slowName) / (double)run.Expected;
            var split = string.Join(", ", shares.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key.Replace("connector-", "#", StringComparison.Ordinal)}{(s.Key == slowName ? " (slow)" : string.Empty)} {Figures.Percent(s.Value / (double)run.Expected)}"));
            log.WriteLine($"  d {policy}: slow share {slowShare:P1}, rename->ack {latency}");
            p99[policy] = latency.P99;
            report.Rows.Add(new ResultRow($"{policy}: {Figures.Count(run.Expected)} files at {size.UnevenRate} files/s", $"p99 {Figures.Milliseconds(latency.P99)}", Detail: $"p50/p95/p99 {latency}; share {split}"));
            report.Latencies.Add(new LatencySeries($"d: {policy}", run.LatencyMilliseconds));
        }

        var ratio = p99[LoadBalancingPolicies.RoundRobin] / p99[LoadBalancingPolicies.P2cEwma];
        report.Targets.Add(new TargetCheck("p2c-ewma p99 >= 3x lower than round-robin's", $"{ratio:0.0}x lower", ratio >= 3));
    }
}
