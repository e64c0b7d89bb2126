using CollectorLb.Testing.Silos;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>What a scenario's silo wrote to its console log, read after the run.</summary>
internal static class SiloLog
{
    /// <summary>The console logger's levels at warning and above, with how they stand in a line: built once, not per line read.</summary>
    private static readonly (string Level, string Marker)[] ProblemLevels = [.. new[] { "warn", "fail", "crit" }.Select(level => (level, $" {level}: "))];

    /// <summary>What the silo logged at warning level or above: level ("warn", "fail", "crit") and category, one per entry.</summary>
    public static IReadOnlyList<(string Level, string Category)> Problems(SiloProcess silo)
    {
        var problems = new List<(string, string)>();
        foreach (var line in silo.OutputLines())
        {
            foreach (var (level, marker) in ProblemLevels)
            {
                var at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var category = line[(at + marker.Length)..];
                    problems.Add((level, category.Split('[', 2)[0].Trim()));
                    break;
                }
            }
        }

        return problems;
    }
}
