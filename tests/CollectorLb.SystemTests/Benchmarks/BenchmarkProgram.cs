using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Programs;

namespace CollectorLb.SystemTests.Benchmarks;

/// <summary>
/// The benchmark program as <c>make bench</c> runs it, built with the solution (no test project references it), writing
/// its report into a folder of the test's.
/// </summary>
internal static class BenchmarkProgram
{
    public const string ReportName = "smoke";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs it with <paramref name="args"/>, the report going to <paramref name="outputFolder"/> as smoke.md (and smoke.png).</summary>
    public static Task<ToolRun> RunAsync(string outputFolder, params string[] args)
    {
        Assert.True(File.Exists(RepositoryPaths.BenchmarkProgram), $"{RepositoryPaths.BenchmarkProgram} is missing: build the solution (make build) first");
        return ToolRun.RunAsync("dotnet", [RepositoryPaths.BenchmarkProgram, .. args, "--out", outputFolder, "--name", ReportName], Timeout);
    }

    /// <summary>The lines of the report's Markdown tables whose first cell starts with <paramref name="firstCell"/>.</summary>
    public static IReadOnlyList<string> Rows(string report, string firstCell) =>
        [.. report.Split('\n').Where(line => line.StartsWith($"| {firstCell}", StringComparison.Ordinal))];
}
