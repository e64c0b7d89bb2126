using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>
/// b. A few very large files: MB/s against the ceiling (one upload per file, all at once) and how much the silo's
/// resident memory grows. A round lasts about two seconds, so one round measures whatever else the machine did in
/// those seconds (75-104 % in single rounds); ceiling and silo take turns on fresh files and the medians are compared.
/// </summary>
internal sealed class LargeFilesScenario : IScenario
{
    public string Id => "b";

    public string Title => "large files to 4 instant connectors";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        await using var stage = await ScenarioStage.StartAsync("b", ConnectorSpec.Many(4, ConnectorSpec.Instant));
        var totalBytes = size.LargeFiles * size.LargeFileBytes;
        var silo = await stage.StartSiloAsync(size);
        var before = ProcessMemory.Read(silo.ProcessId);
        ProcessMemory.ResetPeak(silo.ProcessId);

        var rounds = await AlternatingRounds.RunAsync(
            size.Rounds,
            silo,
            async () =>
            {
                var files = stage.MakeFiles(size.LargeFiles, size.LargeFileBytes);
                await FlushToDiskAsync();
                return files;
            },
            async files =>
            {
                var ceiling = await CeilingLoop.RunAsync(files, stage.Rig.Urls, files.Count);
                log.WriteLine($"  b ceiling: {ceiling.Failed} failed");
                return ceiling.MegabytesPerSecond;
            },
            async files => totalBytes / 1048576.0 / (await stage.DeliverAllAtOnceAsync(files, size.Timeout)).Elapsed.TotalSeconds,
            log,
            "b",
            "MB/s");

        var after = ProcessMemory.Read(silo.ProcessId);
        var growth = after.PeakResidentBytes - before.ResidentBytes;
        var cpuPerFile = rounds.DescribeCpuPerFile();
        var (oursMedian, ceilingMedian) = (rounds.OursMedian, rounds.CeilingMedian);
        log.WriteLine($"  b medians: {rounds.DescribeMedians()}; RSS {before.ResidentBytes >> 20} MiB -> peak {after.PeakResidentBytes >> 20} MiB");

        var ratio = rounds.Ratio;
        var what = $"{size.LargeFiles} files of {Figures.Mebibytes(size.LargeFileBytes)}, {Figures.MedianOf(size.Rounds)}";
        report.Rows.Add(new ResultRow(what, Figures.PerSecond(oursMedian, "MB"), Figures.PerSecond(ceilingMedian, "MB") + $" (ceiling, {size.LargeFiles} in flight)", Figures.Percent(ratio), $"rounds ours/ceiling MB/s: {rounds.DescribeRounds()}; silo RSS {Figures.Mebibytes(before.ResidentBytes)} before, peak {Figures.Mebibytes(after.PeakResidentBytes)} during: +{Figures.Mebibytes(growth)}; {cpuPerFile}"));
        report.Bars.Add(new ThroughputBar($"b: {Figures.Mebibytes(size.LargeFileBytes)}", oursMedian, ceilingMedian, "MB/s"));
        report.Targets.Add(new TargetCheck(">= 85 % of the ceiling", Figures.Percent(ratio), ratio >= 0.85));
        report.Targets.Add(new TargetCheck("silo RSS grows < 64 MiB", "+" + Figures.Mebibytes(growth), growth < 64L * 1024 * 1024));
    }

    /// <summary>
    /// Writes the new files out before measuring: otherwise the kernel's write-back of gigabytes of dirty pages lands
    /// in whichever run happens to be going 30 s later, and takes its CPU.
    /// </summary>
    private static async Task FlushToDiskAsync()
    {
        using var sync = System.Diagnostics.Process.Start("sync") ?? throw new InvalidOperationException("sync did not start");
        await sync.WaitForExitAsync();
    }
}
