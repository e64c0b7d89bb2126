using System.Globalization;

namespace CollectorLb.Cli.Output;

/// <summary>How numbers, sizes and times read in the text output (invariant culture, UTC times).</summary>
internal static class Formats
{
    public static string Size(long bytes) => bytes switch
    {
        >= 1 << 20 => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1 << 10 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    /// <summary><c>1 file</c>, <c>500 files</c>.</summary>
    public static string Count(long count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    public static string Rate(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>Seconds after <paramref name="start"/>, e.g. <c>+0.42s</c>.</summary>
    public static string After(DateTimeOffset? start, DateTimeOffset? at) =>
        start is null || at is null ? "-" : "+" + (at.Value - start.Value).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
}
