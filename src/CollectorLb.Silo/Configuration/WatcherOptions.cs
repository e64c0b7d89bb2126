using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Silo.Configuration;

/// <summary>How the flow directory is watched. Section <c>CollectorLb:Watcher</c>.</summary>
public sealed class WatcherOptions : ISettingsSection
{
    public static string SectionName => "CollectorLb:Watcher";

    /// <summary>Full listing of the directory, which catches whatever events missed.</summary>
    [Setting(0.1, 3600)] public double RescanSeconds { get; set; } = 10;

    /// <summary>A file that was not renamed in counts as complete once its size and time stay the same this long.</summary>
    [Setting(0.05, 600)] public double StableSeconds { get; set; } = 2;

    /// <summary>
    /// Files claimed and not yet delivered, at most: beyond it, files wait unclaimed in the directory (on disk, not as
    /// grains in memory), oldest first once room frees up.
    /// </summary>
    [Setting(1, 1_000_000)] public int MaxClaimedFiles { get; set; } = 1000;

    /// <summary>Files reported to their grains at once (a report activates the grain and writes its first state).</summary>
    [Setting(1, 1024)] public int MaxConcurrentReports { get; set; } = 256;

    public TimeSpan RescanPeriod => TimeSpan.FromSeconds(RescanSeconds);

    public TimeSpan StableTime => TimeSpan.FromSeconds(StableSeconds);
}
