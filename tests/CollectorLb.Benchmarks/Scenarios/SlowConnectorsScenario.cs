using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;
using CollectorLb.Grains.Options;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>
/// c. 4 connectors that take 100 ms per file (and take files concurrently, as the DevServices connector does). The
/// theoretical maximum is connectors x MaxInFlightPerConnector / 100 ms: the pool never has more in flight.
/// </summary>
internal sealed class SlowConnectorsScenario : IScenario
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    public string Id => "c";

    public string Title => "4 connectors taking 100 ms per file";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        const int connectors = 4;
        var cap = new ConnectorPoolOptions().MaxInFlightPerConnector;
        var theoretical = connectors * cap / Delay.TotalSeconds;
        await using var stage = await ScenarioStage.StartAsync("c", ConnectorSpec.Many(connectors, ConnectorSpec.Slow(Delay)), log);
        var files = stage.MakeFiles(size.SlowFiles);

        var ceiling = await CeilingLoop.RunAsync(files, stage.Rig.Urls, connectors * cap);
        var silo = await stage.StartSiloAsync(size, warmUp: stage.MakeFiles(connectors * cap));
        var cpu = CpuMeter.Start(silo);
        var sampler = InFlightSampler.Start(stage.Rig);
        var run = await stage.DeliverAllAtOnceAsync(files, size.Timeout);
        await sampler.DisposeAsync();
        var cpuPerFile = CpuPerFile.Describe(cpu.Stop(), files.Count) + "; " + sampler.Describe(connectors * cap);
        var ours = run.Expected / run.Elapsed.TotalSeconds;
        log.WriteLine($"  c ours: {ours:0} files/s of {theoretical:0} theoretical (ceiling loop {ceiling.FilesPerSecond:0}); {cpuPerFile}");

        var ratio = ours / theoretical;
        report.Rows.Add(new ResultRow($"{Figures.Count(files.Count)} files at once", Figures.PerSecond(ours, "files"), Figures.PerSecond(theoretical, "files") + $" (theoretical: {connectors} x {cap} in flight / 100 ms)", Figures.Percent(ratio), $"plain loop at the same concurrency: {Figures.PerSecond(ceiling.FilesPerSecond, "files")}; {cpuPerFile}"));
        report.Bars.Add(new ThroughputBar("c: 100 ms", ours, theoretical, "files/s"));
        report.Targets.Add(new TargetCheck(">= 90 % of the theoretical maximum", Figures.Percent(ratio), ratio >= 0.9));
    }
}
