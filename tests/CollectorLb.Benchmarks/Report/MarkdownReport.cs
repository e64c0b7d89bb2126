using System.Text;
using CollectorLb.Benchmarks.Picks;

namespace CollectorLb.Benchmarks.Report;

/// <summary>Writes the run as Markdown: summary table, targets, pick-path numbers and notes.</summary>
internal static class MarkdownReport
{
    public static string Render(RunInfo run, string scale, TimeSpan total, IReadOnlyList<ScenarioReport> scenarios, IReadOnlyList<PickPathResult> picks, string? chartFileName)
    {
        var md = new StringBuilder();
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        md.AppendLine(CultureInfo.InvariantCulture, $"# CollectorLb benchmark, {date}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- machine: {run.Machine}; {run.Runtime}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- commit: {run.Commit}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- scale: {scale}; whole run {Figures.Seconds(total)}");
        md.AppendLine("- the silo runs as its own process (`dotnet CollectorLb.Silo.dll`, default settings, nfcapd off) against DevServices connectors and registry on loopback in the benchmark process; the ceiling is a plain `HttpClient` loop in the benchmark process, same files, same connectors, same uploads in flight; g runs a cluster of silos (see its note)");
        md.AppendLine();
        if (chartFileName is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"![throughput and latency]({chartFileName})");
            md.AppendLine();
        }

        md.AppendLine("## Results");
        md.AppendLine();
        md.AppendLine("| scenario | run | ours | reference | ours / reference | detail |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var scenario in scenarios)
        {
            if (scenario.Error is not null)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Id}. {scenario.Title} | failed | | | | {Cell(scenario.Error.Split('\n')[0])} |");
            }

            foreach (var row in scenario.Rows)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Id}. {scenario.Title} | {Cell(row.What)} | {Cell(row.Ours)} | {Cell(row.Reference)} | {Cell(row.Ratio)} | {Cell(row.Detail)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| scenario | target | measured | met |");
        md.AppendLine("|---|---|---|---|");
        foreach (var scenario in scenarios)
        {
            foreach (var target in scenario.Targets)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Id} | {Cell(target.Target)} | {Cell(target.Measured)} | {(target.Met ? "yes" : "**no**")} |");
            }
        }

        if (picks.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Pick path (BenchmarkDotNet, in process)");
            md.AppendLine();
            md.AppendLine("Availability filter (in-flight cap, connectors the file failed on) + policy, per pick; connectors with mixed load and latency, some at their cap.");
            md.AppendLine();
            md.AppendLine("| policy | connectors | ns / pick | picks / s | allocated / pick |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var pick in picks)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {pick.Policy} | {pick.Connectors} | {pick.NanosecondsPerPick:0.0} | {pick.PicksPerSecond:#,0} | {pick.BytesAllocatedPerPick:0} B |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Notes");
        md.AppendLine();
        foreach (var scenario in scenarios)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {scenario.Id}: took {Figures.Seconds(scenario.Elapsed)}. {string.Join(" ", scenario.Notes)}");
            if (scenario.Error is not null)
            {
                md.AppendLine();
                md.AppendLine("```");
                md.AppendLine(scenario.Error);
                md.AppendLine("```");
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
