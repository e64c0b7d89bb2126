using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>
/// f. Connectors that convert each file with nfdump, as the pipeline's do: synchronously, one file at a time each (see c).
/// Files/s against a plain 4-way parallel upload loop, one upload per connector.
/// </summary>
internal sealed class NfdumpConnectorsScenario : IScenario
{
    public string Id => "f";

    public string Title => "4 connectors converting with nfdump";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        const int connectors = 4;
        await using var stage = await ScenarioStage.StartAsync("f", ConnectorSpec.Many(connectors, new ConnectorSpec(ConvertWithNfdump: true, Workers: 1)));
        var files = stage.MakeRealFlowFiles(size.NfdumpFiles);

        var ceilingCpu = CpuMeter.Start();
        var ceiling = await CeilingLoop.RunAsync(files, stage.Rig.Urls, connectors);
        var ceilingUsed = ceilingCpu.Stop();
        log.WriteLine($"  f ceiling: {ceiling.FilesPerSecond:0} files/s ({ceiling.Failed} failed)");
        var silo = await stage.StartSiloAsync(size, warmUp: stage.MakeRealFlowFiles(Math.Min(size.WarmUpFiles, 4_000)));
        var cpu = CpuMeter.Start(silo);
        var sampler = InFlightSampler.Start(stage.Rig);
        var run = await stage.DeliverAllAtOnceAsync(files, size.Timeout);
        await sampler.DisposeAsync();
        var cpuPerFile = CpuPerFile.Describe(cpu.Stop(), files.Count, ceilingUsed, files.Count) + "; " + sampler.Describe(connectors * new Grains.Options.ConnectorPoolOptions().MaxInFlightPerConnector);
        var ours = run.Expected / run.Elapsed.TotalSeconds;
        log.WriteLine($"  f ours:    {ours:0} files/s; {cpuPerFile}");

        var ratio = ours / ceiling.FilesPerSecond;
        report.Rows.Add(new ResultRow($"{Figures.Count(files.Count)} real nfcapd files (15 KB), one at a time per connector", Figures.PerSecond(ours, "files"), Figures.PerSecond(ceiling.FilesPerSecond, "files") + " (ceiling, 4-way loop)", Figures.Percent(ratio), cpuPerFile + " (nfdump runs in child processes of the connectors, not counted)"));
        report.Bars.Add(new ThroughputBar("f: nfdump", ours, ceiling.FilesPerSecond, "files/s"));
        report.Targets.Add(new TargetCheck(">= 90 % of the ceiling", Figures.Percent(ratio), ratio >= 0.9));
    }
}
