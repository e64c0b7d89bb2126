using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>
/// c. 4 connectors that take 100 ms per file. The pipeline's connectors convert synchronously, one file at a time
/// (about 10 files/s each, "about 27" for the old deployment's connectors), so the target is measured against
/// 4 x 10 files/s: the balancer must keep every connector busy. A second run with connectors that take any number
/// of files at once (100 ms each) shows the other bound: there the maximum is the pool's own in-flight cap.
/// </summary>
internal sealed class SlowConnectorsScenario : IScenario
{
    private const int Connectors = 4;
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    public string Id => "c";

    public string Title => "4 connectors taking 100 ms per file";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        var oneAtATime = await RunAsync("c1", ConnectorSpec.OneAtATime(Delay), size, size.OneAtATimeFiles, log);
        var theoretical = Connectors / Delay.TotalSeconds;
        var ratio = oneAtATime.Ours / theoretical;
        report.Rows.Add(new ResultRow(
            $"one file at a time each: {Figures.Count(size.OneAtATimeFiles)} files at once",
            Figures.PerSecond(oneAtATime.Ours, "files"),
            Figures.PerSecond(theoretical, "files") + $" (theoretical: {Connectors} connectors x 1 file / 100 ms)",
            Figures.Percent(ratio),
            $"plain loop with {Connectors * SiloDefaults.InFlightPerConnector} in flight: {Figures.PerSecond(oneAtATime.Ceiling, "files")}; {oneAtATime.Detail}"));
        report.Bars.Add(new ThroughputBar("c: 100 ms, 1 at a time", oneAtATime.Ours, theoretical, "files/s"));
        report.Targets.Add(new TargetCheck(">= 90 % of the theoretical maximum (connectors one file at a time)", Figures.Percent(ratio), ratio >= 0.9));

        var concurrent = await RunAsync("c2", ConnectorSpec.Slow(Delay), size, size.SlowFiles, log);
        var poolBound = Connectors * SiloDefaults.InFlightPerConnector / Delay.TotalSeconds;
        report.Rows.Add(new ResultRow(
            $"any number at once: {Figures.Count(size.SlowFiles)} files at once",
            Figures.PerSecond(concurrent.Ours, "files"),
            Figures.PerSecond(poolBound, "files") + $" (pool bound: {Connectors} x {SiloDefaults.InFlightPerConnector} in flight / 100 ms)",
            Figures.Percent(concurrent.Ours / poolBound),
            $"plain loop at the same concurrency: {Figures.PerSecond(concurrent.Ceiling, "files")} ({Figures.Percent(concurrent.Ours / concurrent.Ceiling)} of it); {concurrent.Detail}"));
        report.Bars.Add(new ThroughputBar("c: 100 ms, any number", concurrent.Ours, poolBound, "files/s"));
    }

    private static async Task<(double Ours, double Ceiling, string Detail)> RunAsync(string name, ConnectorSpec spec, ScenarioSize size, int count, TextWriter log)
    {
        await using var stage = await ScenarioStage.StartAsync(name, ConnectorSpec.Many(Connectors, spec));
        var files = stage.MakeFiles(count);

        var ceiling = await CeilingLoop.RunAsync(files, stage.Rig.Urls, Connectors * SiloDefaults.InFlightPerConnector);
        var silo = await stage.StartSiloAsync(size, warmUp: stage.MakeFiles(Connectors * (spec.Workers > 0 ? spec.Workers : SiloDefaults.InFlightPerConnector)));
        var cpu = CpuMeter.Start(silo);
        var sampler = InFlightSampler.Start(stage.Rig);
        var run = await stage.DeliverAllAtOnceAsync(files, size.Timeout);
        await sampler.DisposeAsync();
        var detail = CpuPerFile.Describe(cpu.Stop(), files.Count) + "; " + sampler.Describe(Connectors * SiloDefaults.InFlightPerConnector);
        var ours = run.Expected / run.Elapsed.TotalSeconds;
        log.WriteLine($"  {name} ours: {ours:0} files/s (plain loop {ceiling.FilesPerSecond:0}); {detail}");
        return (ours, ceiling.FilesPerSecond, detail);
    }
}
