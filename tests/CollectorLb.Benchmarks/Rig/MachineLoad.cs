namespace CollectorLb.Benchmarks.Rig;

/// <summary>The 1-minute load average: this machine may be shared, and other work skews every figure.</summary>
internal static class MachineLoad
{
    public static double OneMinute()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
