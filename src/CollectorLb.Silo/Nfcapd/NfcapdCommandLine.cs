using CollectorLb.Silo.Configuration;

namespace CollectorLb.Silo.Nfcapd;

/// <summary>
/// nfcapd 1.7's arguments: <c>-w dir -t interval -p port [-b address]</c>. Never <c>-D</c> (we supervise it) and
/// never <c>-e</c> (it would expire files by age, shipped or not).
/// </summary>
internal static class NfcapdCommandLine
{
    /// <summary>Hidden, so the watcher ignores it; lets a new silo stop an nfcapd a killed silo left running.</summary>
    public const string PidFileName = ".nfcapd.pid";

    public static IReadOnlyList<string> Arguments(NfcapdOptions options, string flowDirectory)
    {
        List<string> arguments =
        [
            "-w", flowDirectory,
            "-t", options.IntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-p", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-P", Path.Combine(flowDirectory, PidFileName),
        ];
        if (!string.IsNullOrEmpty(options.BindAddress))
        {
            arguments.AddRange(["-b", options.BindAddress]);
        }

        return arguments;
    }

    /// <summary>The program's full path, or null when it is not installed.</summary>
    public static string? Locate(string executable)
    {
        if (executable.Contains('/'))
        {
            return File.Exists(executable) ? Path.GetFullPath(executable) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
    }
}
