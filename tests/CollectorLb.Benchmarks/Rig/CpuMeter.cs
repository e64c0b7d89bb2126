using CollectorLb.Testing.Silos;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>
/// CPU time used during a phase by the silo process and by this process (the connectors, the registry and the
/// driver, or the ceiling loop). Unlike throughput it does not depend on what else runs on the machine, so it
/// tells where capacity goes even on a busy host.
/// </summary>
internal sealed class CpuMeter
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, the unit of /proc/<pid>/stat on Linux
    private readonly int? _siloPid;
    private readonly TimeSpan _siloStart;
    private readonly TimeSpan _benchStart;

    private CpuMeter(int? siloPid)
    {
        _siloPid = siloPid;
        _siloStart = siloPid is { } pid ? Of(pid) : TimeSpan.Zero;
        _benchStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static CpuMeter Start(SiloProcess? silo = null) => new(silo?.ProcessId);

    /// <summary>CPU used since the start: by the silo (zero without one) and by this process.</summary>
    public (TimeSpan Silo, TimeSpan Bench) Stop() =>
        (_siloPid is { } pid ? Of(pid) - _siloStart : TimeSpan.Zero, Process.GetCurrentProcess().TotalProcessorTime - _benchStart);

    /// <summary>utime + stime of a process.</summary>
    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }
}
