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
        await using var stage = await ScenarioStage.StartAsync("e", ConnectorSpec.Many(4, ConnectorSpec.Instant));
        var files = stage.MakeFiles(size.BacklogFiles);
        FileDropper.DropAll(files, tracker: null); // a backlog the silo finds at start-up

        var run = stage.Rig.Track(new DeliveryTracker(files.Count, startedAt: System.Diagnostics.Stopwatch.GetTimestamp()));
        var silo = await stage.StartSiloAsync(size, warmUp: []);
        var cpu = CpuMeter.Start(silo);
        await run.WaitAsync(size.Timeout, () => $"Files on disk: {stage.FilesLeftOnDisk()}. Silo log ends:\n{silo.OutputTail()}");
        var emptied = await stage.WaitUntilDiskEmptyAsync(TimeSpan.FromSeconds(30));
        var cpuPerFile = CpuPerFile.Describe(cpu.Stop(), files.Count);
        var memory = ProcessMemory.Read(silo.ProcessId);
        var problems = SiloLog.Problems(silo);
        var errors = problems.Count(p => p.Level != "warn");
        // Warnings of our own code mean a file had trouble; the runtime's own (see the analysis) are reported, not counted.
        var ourWarnings = problems.Count(p => p.Level == "warn" && p.Category.StartsWith("CollectorLb", StringComparison.Ordinal));
        var logged = problems.Count == 0
            ? "nothing logged above info"
            : string.Join(", ", problems.GroupBy(p => $"{p.Level} {p.Category}").Select(g => $"{g.Count()} x {g.Key}"));
        var rate = run.Expected / run.Elapsed.TotalSeconds;
        var leftOnDisk = stage.FilesLeftOnDisk();
        log.WriteLine($"  e drained {run.Expected} files in {run.Elapsed.TotalSeconds:0.0} s ({rate:0} files/s), peak RSS {memory.PeakResidentBytes >> 20} MiB, logged: {logged}");

        report.Rows.Add(new ResultRow($"{Figures.Count(files.Count)} files present at start", Figures.Seconds(run.Elapsed) + " to drain", Detail: $"{Figures.PerSecond(rate, "files")} from process start; peak RSS {Figures.Mebibytes(memory.PeakResidentBytes)}; duplicates {run.Duplicates}; left on disk {leftOnDisk}; logged above info: {logged}; {cpuPerFile} (after start-up)"));
        var clean = emptied && run.Duplicates == 0 && errors == 0 && ourWarnings == 0;
        report.Targets.Add(new TargetCheck(
            "drains without error",
            $"left on disk {leftOnDisk}, duplicates {run.Duplicates}, errors {errors}, warnings of CollectorLb {ourWarnings}; logged above info: {logged}",
            clean));
        report.Targets.Add(new TargetCheck("peak RSS < 1 GiB", Figures.Mebibytes(memory.PeakResidentBytes), memory.PeakResidentBytes < 1L << 30));
    }
}
