using System.Diagnostics;

namespace CollectorLb.Tests.TestSupport;

/// <summary>Reads nfcapd files with the real nfdump, as the pipeline's connectors do.</summary>
public static class Nfdump
{
    /// <summary>The flows in a file: the lines of <c>nfdump -r FILE -q -o csv</c>.</summary>
    public static async Task<int> CountFlowsAsync(string path)
    {
        var startInfo = new ProcessStartInfo("nfdump") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-r", path, "-q", "-o", "csv" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"nfdump -r {path} failed ({process.ExitCode}): {await error}");
        }

        // An interval without flows prints this line instead of none.
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line != "No matching flows");
    }
}
