namespace CollectorLb.Benchmarks.Rig;

/// <summary>Resident memory of a process from <c>/proc/&lt;pid&gt;/status</c>: now (VmRSS) and peak (VmHWM).</summary>
internal readonly record struct ProcessMemory(long ResidentBytes, long PeakResidentBytes)
{
    public static ProcessMemory Read(int pid)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return new ProcessMemory(rss, peak);
    }

    /// <summary>Starts a new peak from the current resident size (writing 5 to clear_refs, Linux 4.0+; needs the process's owner or root).</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
