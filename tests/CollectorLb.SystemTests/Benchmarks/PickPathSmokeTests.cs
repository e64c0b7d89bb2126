using CollectorLb.Testing.Paths;

namespace CollectorLb.SystemTests.Benchmarks;

/// <summary>
/// The pool's pick-path benchmark, the benchmark program run as make bench runs it: every policy over 4 and 64
/// connectors is measured (a case whose picks find no connector fails in its set-up and is missing from the report).
/// </summary>
public class PickPathSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Picks_EveryPolicyAndSize_IsMeasured()
    {
        using var results = new TempDirectory("bench-picks");

        var run = await BenchmarkProgram.RunAsync(results.Path, "--picks-only", "--scale", "smoke");

        output.WriteLine(run.Stdout);
        Assert.True(run.ExitCode == 0, run.Describe());
        var report = await File.ReadAllTextAsync(Path.Combine(results.Path, BenchmarkProgram.ReportName + ".md"));
        foreach (var policy in new[] { "round-robin", "least-outstanding", "p2c-ewma" })
        {
            foreach (var connectors in new[] { 4, 64 })
            {
                Assert.Single(BenchmarkProgram.Rows(report, $"{policy} | {connectors} | "));
            }
        }
    }
}
