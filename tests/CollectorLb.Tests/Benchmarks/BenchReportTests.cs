using CollectorLb.Benchmarks.Picks;
using CollectorLb.Benchmarks.Report;
using CollectorLb.Testing.Paths;

namespace CollectorLb.Tests.Benchmarks;

public class BenchReportTests
{
    [Fact]
    public void Render_ScenarioResults_WritesTablesAndAReadablePng()
    {
        using var folder = new TempDirectory("bench-report");
        var small = new ScenarioReport("a", "small files");
        small.Rows.Add(new ResultRow("20,000 files at once", "2,500.0 files/s", "3,000.0 files/s", "83.3 %"));
        small.Targets.Add(new TargetCheck(">= 70 % of the ceiling", "83.3 %", Met: true));
        small.Bars.Add(new ThroughputBar("a small files", 2500, 3000, "files/s"));
        small.Latencies.Add(new LatencySeries("a: 500 files/s", [1.2, 1.5, 2.0, 3.1, 40]));
        var broken = new ScenarioReport("e", "backlog") { Error = "TimeoutException: 10 of 50 files acknowledged" };
        var pngPath = Path.Combine(folder.Path, "chart.png");

        ChartRenderer.Render(pngPath, [small, broken]);
        var markdown = MarkdownReport.Render(new RunInfo("2 cores", ".NET 10", "abc123"), "smoke", TimeSpan.FromSeconds(3), [small, broken], [new PickPathResult("p2c-ewma", 4, 50, 0)], "chart.png");

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(pngPath)[..4]);
        Assert.Contains("| a. small files | 20,000 files at once | 2,500.0 files/s | 3,000.0 files/s | 83.3 % |", markdown);
        Assert.Contains("| a | >= 70 % of the ceiling | 83.3 % | yes |", markdown);
        Assert.Contains("| e. backlog | failed |", markdown);
        Assert.Contains("| p2c-ewma | 4 | 50.0 | 20,000,000 |", markdown);
    }
}
