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
        var silo = await stage.StartSiloAsync(size, warmUp: stage.MakeRealFlowFiles(Math.Min(size.WarmUpFiles, 4_000)));

        var sampler = InFlightSampler.Start(stage.Rig);
        sampler.Pause(); // counts during the silo's deliveries only
        var rounds = await AlternatingRounds.RunAsync(
            size.Rounds,
            silo,
            () => Task.FromResult(stage.MakeRealFlowFiles(size.NfdumpFiles)),
            async files =>
            {
                var ceiling = await CeilingLoop.RunAsync(files, stage.Rig.Urls, connectors);
                log.WriteLine($"  f ceiling: {ceiling.Failed} failed");
                return ceiling.FilesPerSecond;
            },
            async files =>
            {
                sampler.Resume();
                var run = await stage.DeliverAllAtOnceAsync(files, size.Timeout);
                sampler.Pause();
                return run.Expected / run.Elapsed.TotalSeconds;
            },
            log,
            "f",
            "files/s");

        await sampler.DisposeAsync();
        var cpuPerFile = rounds.DescribeCpuPerFile() + "; " + sampler.Describe(connectors * SiloDefaults.InFlightPerConnector);
        var (oursMedian, ceilingMedian) = (rounds.OursMedian, rounds.CeilingMedian);
        log.WriteLine($"  f medians: {rounds.DescribeMedians()}; {cpuPerFile}");

        var ratio = rounds.Ratio;
        report.Rows.Add(new ResultRow($"{Figures.Count(size.NfdumpFiles)} real nfcapd files (15 KB), one at a time per connector, {Figures.MedianOf(size.Rounds)}", Figures.PerSecond(oursMedian, "files"), Figures.PerSecond(ceilingMedian, "files") + " (ceiling, 4-way loop)", Figures.Percent(ratio), $"rounds ours/ceiling files/s: {rounds.DescribeRounds()}; {cpuPerFile} (nfdump runs in child processes of the connectors, not counted)"));
        report.Bars.Add(new ThroughputBar("f: nfdump", oursMedian, ceilingMedian, "files/s"));
        report.Targets.Add(new TargetCheck(">= 90 % of the ceiling", Figures.Percent(ratio), ratio >= 0.9));
    }
}
