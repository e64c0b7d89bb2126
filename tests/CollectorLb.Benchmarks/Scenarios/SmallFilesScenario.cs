using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>
/// a. Many 4 KiB files to 4 connectors that acknowledge at once: throughput when all arrive together (against the
/// ceiling at the silo's own upload concurrency, 4 x MaxInFlightPerConnector), then latency at a steady rate below
/// saturation.
/// </summary>
internal sealed class SmallFilesScenario : IScenario
{
    public string Id => "a";

    public string Title => "small files (4 KiB) to 4 instant connectors";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        const int connectors = 4;
        var concurrency = connectors * SiloDefaults.InFlightPerConnector;
        await using var stage = await ScenarioStage.StartAsync("a", ConnectorSpec.Many(connectors, ConnectorSpec.Instant));
        var files = stage.MakeFiles(size.SmallFiles);
        var pacedFiles = stage.MakeFiles(size.PacedFiles);

        var ceilingCpu = CpuMeter.Start();
        var ceiling = await CeilingLoop.RunAsync(files, stage.Rig.Urls, concurrency);
        var ceilingUsed = ceilingCpu.Stop();
        log.WriteLine($"  a ceiling: {ceiling.FilesPerSecond:0} files/s ({ceiling.Failed} failed)");

        var silo = await stage.StartSiloAsync(size);
        var cpu = CpuMeter.Start(silo);
        var sampler = InFlightSampler.Start(stage.Rig);
        var burst = await stage.DeliverAllAtOnceAsync(files, size.Timeout);
        await sampler.DisposeAsync();
        var cpuPerFile = CpuPerFile.Describe(cpu.Stop(), files.Count, ceilingUsed, files.Count) + "; " + sampler.Describe(concurrency);
        var ours = burst.Expected / burst.Elapsed.TotalSeconds;
        var burstLatency = LatencySummary.Of(burst.LatencyMilliseconds);
        log.WriteLine($"  a ours:    {ours:0} files/s, rename->ack {burstLatency}; {cpuPerFile}");

        var paced = await stage.DeliverPacedAsync(pacedFiles, size.PacedRate, size.Timeout);
        var pacedLatency = LatencySummary.Of(paced.LatencyMilliseconds);
        log.WriteLine($"  a paced at {size.PacedRate} files/s: rename->ack {pacedLatency}");

        var ratio = ours / ceiling.FilesPerSecond;
        report.Rows.Add(new ResultRow($"{Figures.Count(files.Count)} files at once", Figures.PerSecond(ours, "files"), Figures.PerSecond(ceiling.FilesPerSecond, "files") + $" (ceiling, {concurrency} in flight)", Figures.Percent(ratio), $"rename->ack p50/p95/p99 {burstLatency} (saturated: queueing); {cpuPerFile}"));
        report.Rows.Add(new ResultRow($"{Figures.Count(paced.Expected)} files at {size.PacedRate} files/s", $"p50 {Figures.Milliseconds(pacedLatency.P50)}", Detail: $"rename->ack p50/p95/p99 {pacedLatency}, max {Figures.Milliseconds(pacedLatency.Max)}"));
        report.Bars.Add(new ThroughputBar("a: 4 KiB", ours, ceiling.FilesPerSecond, "files/s"));
        report.Latencies.Add(new LatencySeries($"a: {size.PacedRate} files/s", paced.LatencyMilliseconds));
        report.Targets.Add(new TargetCheck(">= 70 % of the ceiling", Figures.Percent(ratio), ratio >= 0.7));
        report.Targets.Add(new TargetCheck(">= 2,000 files/s", Figures.PerSecond(ours, "files"), ours >= 2000));
        report.Targets.Add(new TargetCheck($"p99 < 50 ms below saturation ({size.PacedRate} files/s)", Figures.Milliseconds(pacedLatency.P99), pacedLatency.P99 < 50));
        report.Notes.Add("Latency is measured from the rename into the flow directory (what nfcapd does) to the connector's acknowledgement, so it includes detection and claiming.");
    }
}
