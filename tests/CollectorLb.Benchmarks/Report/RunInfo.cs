using System.Runtime.InteropServices;
using CollectorLb.Testing.Paths;

namespace CollectorLb.Benchmarks.Report;

/// <summary>What the run was made on: the machine, the runtime and the commit (with files changed since).</summary>
internal sealed record RunInfo(string Machine, string Runtime, string Commit)
{
    public static RunInfo Collect()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var machine = $"{Environment.ProcessorCount} cores, {memory / (1L << 30)} GiB, {RuntimeInformation.OSDescription}";
        var commit = Git("rev-parse", "--short", "HEAD");
        // The results folder is left out: this run writes its chart there before the report.
        var changed = Git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/results").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (changed.Length > 0)
        {
            commit += " with uncommitted changes to " + string.Join(", ", changed.Select(line => line[3..]));
        }

        return new RunInfo(machine, RuntimeInformation.FrameworkDescription, commit);
    }

    private static string Git(params string[] arguments)
    {
        try
        {
            var startInfo = new ProcessStartInfo("git") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var process = Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEnd().TrimEnd(); // porcelain lines may start with a space
            process.WaitForExit();
            return process.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }
}
