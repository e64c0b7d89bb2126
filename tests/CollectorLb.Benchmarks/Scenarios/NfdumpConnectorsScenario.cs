using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>f. Connectors that convert each file with nfdump, as the pipeline's do: files/s against a plain 4-way parallel upload loop.</summary>
internal sealed class NfdumpConnectorsScenario : IScenario
{
    public string Id => "f";

    public string Title => "4 connectors converting with nfdump";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        const int connectors = 4;
        await using var stage = await ScenarioStage.StartAsync("f", ConnectorSpec.Many(connectors, new ConnectorSpec(ConvertWithNfdump: true)), log);
        var files = stage.MakeRealFlowFiles(size.NfdumpFiles);

        var ceiling = await CeilingLoop.RunAsync(files, stage.Rig.Urls, connectors);
        log.WriteLine($"  f ceiling: {ceiling.FilesPerSecond:0} files/s ({ceiling.Failed} failed)");
        await stage.StartSiloAsync(size, warmUp: stage.MakeRealFlowFiles(size.WarmUpFiles));
        var run = await stage.DeliverAllAtOnceAsync(files, size.Timeout);
        var ours = run.Expected / run.Elapsed.TotalSeconds;
        log.WriteLine($"  f ours:    {ours:0} files/s");

        var ratio = ours / ceiling.FilesPerSecond;
        report.Rows.Add(new ResultRow($"{Figures.Count(files.Count)} real nfcapd files (15 KB)", Figures.PerSecond(ours, "files"), Figures.PerSecond(ceiling.FilesPerSecond, "files") + " (ceiling, 4-way loop)", Figures.Percent(ratio)));
        report.Bars.Add(new ThroughputBar("f: nfdump", ours, ceiling.FilesPerSecond, "files/s"));
        report.Targets.Add(new TargetCheck(">= 90 % of the ceiling", Figures.Percent(ratio), ratio >= 0.9));
    }
}
