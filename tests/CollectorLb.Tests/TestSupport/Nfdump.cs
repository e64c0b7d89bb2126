namespace CollectorLb.Tests.TestSupport;

/// <summary>Reads nfcapd files with the real nfdump, as the pipeline's connectors do.</summary>
public static class Nfdump
{
    /// <summary>The flows in a file: the lines of <c>nfdump -r FILE -q -o csv</c>.</summary>
    public static async Task<int> CountFlowsAsync(string path)
    {
        var run = await ToolRun.RunAsync("nfdump", ["-r", path, "-q", "-o", "csv"], TimeSpan.FromSeconds(30));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"nfdump -r {path} failed ({run.ExitCode}): {run.Stderr}");
        }

        // An interval without flows prints this line instead of none.
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line != "No matching flows");
    }
}
