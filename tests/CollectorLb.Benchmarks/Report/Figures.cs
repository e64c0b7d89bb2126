namespace CollectorLb.Benchmarks.Report;

/// <summary>How numbers are written in the report.</summary>
internal static class Figures
{
    public static string PerSecond(double value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value:#,0.0} {unit}/s");

    public static string Percent(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:0.0} %");

    public static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:#,0.0} MiB");

    public static string Seconds(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.00} s");

    public static string Milliseconds(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.0} ms");

    public static string Count(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:#,0}");

    /// <summary>How a figure of repeated rounds was taken.</summary>
    public static string MedianOf(int rounds) => rounds == 1 ? "one round" : $"median of {rounds} rounds";
}
