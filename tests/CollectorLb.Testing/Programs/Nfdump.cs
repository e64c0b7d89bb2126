namespace CollectorLb.Testing.Programs;

/// <summary>Reads nfcapd files with the real nfdump, as the pipeline's connectors do.</summary>
public static class Nfdump
{
    /// <summary>The flows in a file: the lines of <c>nfdump -r FILE -q -o csv</c>.</summary>
    public static async Task<int> CountFlowsAsync(string path)
    {
        var output = await RunAsync("-r", path, "-q", "-o", "csv");

        // An interval without flows prints this line instead of none.
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line != "No matching flows");
    }

    /// <summary>Runs nfdump with <paramref name="arguments"/>; its standard output, or a failure saying why it did not succeed.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var run = await ToolRun.RunAsync("nfdump", arguments, TimeSpan.FromSeconds(30));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"nfdump {string.Join(' ', arguments)} failed ({run.ExitCode}): {run.Stderr}");
        }

        return run.Stdout;
    }
}
