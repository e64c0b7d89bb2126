using CollectorLb.Benchmarks.Picks;
using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;
using CollectorLb.Benchmarks.Scenarios;

namespace CollectorLb.Benchmarks;

/// <summary>Runs the chosen scenarios and the pick-path benchmark, then writes the report and the chart.</summary>
internal static class BenchRunner
{
    public static async Task<ScenarioReport> RunScenarioAsync(IScenario scenario, ScenarioSize size, TextWriter log)
    {
        var report = new ScenarioReport(scenario.Id, scenario.Title);
        log.WriteLine($"{scenario.Id}. {scenario.Title} ({size.Name})");
        var started = Stopwatch.GetTimestamp();
        var loadBefore = MachineLoad.OneMinute();
        try
        {
            await scenario.RunAsync(size, report, log);
        }
        catch (Exception ex)
        {
            report.Error = ex.ToString();
            log.WriteLine($"  {scenario.Id} failed: {ex.Message}");
        }

        report.Elapsed = Stopwatch.GetElapsedTime(started);
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Machine load average (1 min) {loadBefore:0.0} before, {MachineLoad.OneMinute():0.0} after; on {Environment.ProcessorCount} cores anything above the benchmark's own ~2 means other work shared the CPU."));
        return report;
    }

    /// <summary>Returns the written report's path; exit code 1 when a scenario could not finish.</summary>
    public static async Task<(string ReportPath, bool AllFinished)> RunAsync(
        IReadOnlyList<IScenario> scenarios, ScenarioSize size, bool runPicks, string outputFolder, string? reportName, TextWriter log)
    {
        var started = Stopwatch.GetTimestamp();
        var reports = new List<ScenarioReport>();
        foreach (var scenario in scenarios)
        {
            reports.Add(await RunScenarioAsync(scenario, size, log));
        }

        IReadOnlyList<PickPathResult> picks = [];
        if (runPicks)
        {
            using var artifacts = new WorkDirectory("bdn");
            log.WriteLine("pick path (BenchmarkDotNet)");
            picks = PickPathRun.Run(artifacts.Path, TextWriter.Null);
            foreach (var pick in picks)
            {
                log.WriteLine($"  {pick.Policy,-18} {pick.Connectors,3} connectors: {pick.NanosecondsPerPick,7:0.0} ns/pick, {pick.PicksPerSecond,12:#,0} picks/s, {pick.BytesAllocatedPerPick:0} B");
            }
        }

        Directory.CreateDirectory(outputFolder);
        var name = reportName ?? DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (size == ScenarioSize.Full ? string.Empty : "-" + size.Name);
        var chart = reports.Count > 0 ? name + ".png" : null;
        if (chart is not null)
        {
            ChartRenderer.Render(Path.Combine(outputFolder, chart), reports);
        }

        var reportPath = Path.Combine(outputFolder, name + ".md");
        await File.WriteAllTextAsync(reportPath, MarkdownReport.Render(RunInfo.Collect(), size.Name, Stopwatch.GetElapsedTime(started), reports, picks, chart));
        log.WriteLine($"report: {reportPath}");
        return (reportPath, reports.All(r => r.Error is null));
    }
}
