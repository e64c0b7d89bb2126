using CollectorLb.Testing.Paths;

namespace CollectorLb.SystemTests.Benchmarks;

/// <summary>
/// Every benchmark scenario at its smoke size, the benchmark program run as make bench runs it (against the real silo
/// process), so make bench cannot rot: the scenario finishes, its report has its results and targets, and the chart is drawn.
/// </summary>
public class ScenarioSmokeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("c")]
    [InlineData("d")]
    [InlineData("e")]
    [InlineData("f")]
    [InlineData("g")]
    public async Task RunScenario_SmokeSize_DeliversEveryFileAndChecksItsTargets(string id)
    {
        using var results = new TempDirectory("bench-smoke");

        var run = await BenchmarkProgram.RunAsync(results.Path, "--scenario", id, "--scale", "smoke", "--no-picks");

        output.WriteLine(run.Stdout);
        Assert.True(run.ExitCode == 0, $"scenario {id} did not finish: {run.Describe()}");
        var report = await File.ReadAllTextAsync(Path.Combine(results.Path, BenchmarkProgram.ReportName + ".md"));
        var rows = BenchmarkProgram.Rows(report, $"{id}. ");
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, row => row.Contains(" | failed | ", StringComparison.Ordinal));
        Assert.NotEmpty(BenchmarkProgram.Rows(report, $"{id} | "));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(results.Path, BenchmarkProgram.ReportName + ".png"))[..4]);
    }
}
