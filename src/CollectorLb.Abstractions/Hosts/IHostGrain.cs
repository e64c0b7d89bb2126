using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;

namespace CollectorLb.Abstractions.Hosts;

/// <summary>
/// One collector host's local view: its statistics, its recent files and its quarantine folder. Keyed by the
/// host's silo name (= <c>CollectorLb:HostId</c>); it must run on that host's own silo, since it reads that
/// silo's memory and disk.
/// </summary>
[Alias("collectorlb.host")]
public interface IHostGrain : IGrainWithStringKey
{
    [Alias("get-statistics")]
    Task<HostStatistics> GetStatistics();

    /// <summary>The most recently changed files this host remembers, newest first.</summary>
    [Alias("get-recent-files")]
    Task<IReadOnlyList<FileSnapshot>> GetRecentFiles(FileQuery query);

    [Alias("get-quarantine")]
    Task<IReadOnlyList<QuarantinedFile>> GetQuarantine();

    /// <summary>Releases a quarantined file of this host; <see cref="RequeueOutcome.NotThisHost"/> for another host's key.</summary>
    [Alias("requeue")]
    Task<RequeueAnswer> Requeue(string fileKey);
}
