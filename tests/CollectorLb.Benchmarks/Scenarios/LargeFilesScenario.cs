using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>b. A few very large files: MB/s against the ceiling (one upload per file, all at once) and how much the silo's resident memory grows.</summary>
internal sealed class LargeFilesScenario : IScenario
{
    public string Id => "b";

    public string Title => "large files to 4 instant connectors";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        await using var stage = await ScenarioStage.StartAsync("b", ConnectorSpec.Many(4, ConnectorSpec.Instant));
        var files = stage.MakeFiles(size.LargeFiles, size.LargeFileBytes);
        var totalBytes = size.LargeFiles * size.LargeFileBytes;
        await FlushToDiskAsync();

        var ceilingCpu = CpuMeter.Start();
        var ceiling = await CeilingLoop.RunAsync(files, stage.Rig.Urls, files.Count);
        var ceilingUsed = ceilingCpu.Stop();
        log.WriteLine($"  b ceiling: {ceiling.MegabytesPerSecond:0} MB/s ({ceiling.Failed} failed)");

        var silo = await stage.StartSiloAsync(size);
        var before = silo.Memory;
        ProcessMemory.ResetPeak(silo.ProcessId);
        var cpu = CpuMeter.Start(silo);
        var run = await stage.DeliverAllAtOnceAsync(files, size.Timeout);
        var cpuPerFile = CpuPerFile.Describe(cpu.Stop(), files.Count, ceilingUsed, files.Count);
        var after = silo.Memory;
        var ours = totalBytes / 1048576.0 / run.Elapsed.TotalSeconds;
        var growth = after.PeakResidentBytes - before.ResidentBytes;
        log.WriteLine($"  b ours:    {ours:0} MB/s, RSS {before.ResidentBytes >> 20} MiB -> peak {after.PeakResidentBytes >> 20} MiB");

        var ratio = ours / ceiling.MegabytesPerSecond;
        var what = $"{size.LargeFiles} files of {Figures.Mebibytes(size.LargeFileBytes)}";
        report.Rows.Add(new ResultRow(what, Figures.PerSecond(ours, "MB"), Figures.PerSecond(ceiling.MegabytesPerSecond, "MB") + $" (ceiling, {files.Count} in flight)", Figures.Percent(ratio), $"silo RSS {Figures.Mebibytes(before.ResidentBytes)} before, peak {Figures.Mebibytes(after.PeakResidentBytes)} during: +{Figures.Mebibytes(growth)}; {cpuPerFile}"));
        report.Bars.Add(new ThroughputBar($"b: {Figures.Mebibytes(size.LargeFileBytes)}", ours, ceiling.MegabytesPerSecond, "MB/s"));
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
