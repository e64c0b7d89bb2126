using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>e. A large backlog of small files already in the directory when the silo starts: time to drain it, peak RSS, and problems logged.</summary>
internal sealed class BacklogScenario : IScenario
{
    public string Id => "e";

    public string Title => "backlog present at start, 4 instant connectors";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        await using var stage = await ScenarioStage.StartAsync("e", ConnectorSpec.Many(4, ConnectorSpec.Instant), log);
        var files = stage.MakeFiles(size.BacklogFiles);
        ScenarioStage.PlaceBeforeStart(files);

        var run = stage.Rig.Track(new DeliveryTracker(files.Count, startedAt: System.Diagnostics.Stopwatch.GetTimestamp()));
        var silo = await stage.StartSiloAsync(size, warmUp: []);
        var cpu = CpuMeter.Start(silo);
        await run.WaitAsync(size.Timeout, () => $"Files on disk: {stage.FilesLeftOnDisk()}. Silo log ends:\n{silo.LogTail()}");
        var emptied = await stage.WaitUntilDiskEmptyAsync(TimeSpan.FromSeconds(30));
        var cpuPerFile = CpuPerFile.Describe(cpu.Stop(), files.Count);
        var memory = silo.Memory;
        var problems = silo.CountLogProblems();
        var rate = run.Expected / run.Elapsed.TotalSeconds;
        log.WriteLine($"  e drained {run.Expected} files in {run.Elapsed.TotalSeconds:0.0} s ({rate:0} files/s), peak RSS {memory.PeakResidentBytes >> 20} MiB, {problems} warnings");

        report.Rows.Add(new ResultRow($"{Figures.Count(files.Count)} files present at start", Figures.Seconds(run.Elapsed) + " to drain", Detail: $"{Figures.PerSecond(rate, "files")} from process start; peak RSS {Figures.Mebibytes(memory.PeakResidentBytes)}; duplicates {run.Duplicates}; left on disk {stage.FilesLeftOnDisk()}; warnings/errors logged {problems}; {cpuPerFile} (after start-up)"));
        var clean = emptied && run.Duplicates == 0 && problems == 0;
        report.Targets.Add(new TargetCheck("drains without error", clean ? "all delivered and deleted, nothing logged above info" : $"left on disk {stage.FilesLeftOnDisk()}, duplicates {run.Duplicates}, warnings {problems}", clean));
        report.Targets.Add(new TargetCheck("peak RSS < 1 GiB", Figures.Mebibytes(memory.PeakResidentBytes), memory.PeakResidentBytes < 1L << 30));
    }
}
