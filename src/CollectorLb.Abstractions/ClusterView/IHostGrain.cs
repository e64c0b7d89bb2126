using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;

namespace CollectorLb.Abstractions.ClusterView;

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

    /// <summary>This host's part of a quarantine page: sidecars are read for the page only, never for the whole folder.</summary>
    [Alias("get-quarantine-page")]
    Task<HostQuarantinePage> GetQuarantinePage(HostQuarantineQuery query);

    /// <summary>Keys of this host's quarantined files named <paramref name="fileName"/>.</summary>
    [Alias("find-quarantined")]
    Task<IReadOnlyList<string>> FindQuarantined(string fileName);

    /// <summary>Releases a quarantined file of this host; <see cref="RequeueOutcome.NotThisHost"/> for another host's key.</summary>
    [Alias("requeue")]
    Task<RequeueAnswer> Requeue(string fileKey);

    /// <summary>
    /// One batch of a bulk requeue: this host's next quarantined files after <see cref="HostRequeueRequest.After"/>
    /// that match the reason, a bounded number per call (see the grain for the bounds), each released as
    /// <see cref="Requeue"/> does.
    /// </summary>
    [Alias("requeue-batch")]
    Task<HostRequeueBatch> RequeueBatch(HostRequeueRequest request);
}
