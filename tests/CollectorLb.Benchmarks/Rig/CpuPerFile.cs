namespace CollectorLb.Benchmarks.Rig;

/// <summary>CPU milliseconds per file of a phase, for the report.</summary>
internal static class CpuPerFile
{
    public static string Describe((TimeSpan Silo, TimeSpan Bench) ours, int files, (TimeSpan Silo, TimeSpan Bench)? ceiling = null, int ceilingFiles = 0)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"CPU per file: silo {Milliseconds(ours.Silo, files)} + connectors/driver {Milliseconds(ours.Bench, files)}");
        if (ceiling is { } c && ceilingFiles > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; ceiling loop + connectors {Milliseconds(c.Bench, ceilingFiles)}");
            if (c.Silo > TimeSpan.Zero)
            {
                // The silo was up (idle) while the ceiling ran: what it took from the ceiling.
                text += string.Create(CultureInfo.InvariantCulture, $" (idle silo meanwhile {Milliseconds(c.Silo, ceilingFiles)})");
            }
        }

        return text;
    }

    private static string Milliseconds(TimeSpan cpu, int files) =>
        string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMilliseconds / Math.Max(files, 1):0.00} ms");
}
