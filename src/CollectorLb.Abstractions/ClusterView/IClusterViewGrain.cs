using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;

namespace CollectorLb.Abstractions.ClusterView;

/// <summary>
/// What the dashboard and the CLI read: every host's <see cref="IHostGrain"/> asked in parallel and merged on
/// read. A stateless worker on the gateway silo, so no single grain carries the cluster's statistics.
/// Get it with <see cref="ClusterViewGrainExtensions.GetClusterView"/>.
/// </summary>
[Alias("collectorlb.cluster-view")]
public interface IClusterViewGrain : IGrainWithIntegerKey
{
    [Alias("get-overview")]
    Task<ClusterOverview> GetOverview();

    [Alias("get-files")]
    Task<ClusterListing<FileSnapshot>> GetFiles(FileQuery query);

    [Alias("get-connectors")]
    Task<ConnectorPoolSnapshot> GetConnectors();

    /// <summary>One page of the quarantine of every host (or one), merged in <see cref="QuarantinePosition"/> order.</summary>
    [Alias("get-quarantine-page")]
    Task<QuarantinePage> GetQuarantine(QuarantineQuery query);

    /// <summary>Releases a quarantined file given its key (<c>host/claim/name</c>) or its file name when that is unique.</summary>
    [Alias("requeue")]
    Task<RequeueAnswer> Requeue(string file);

    /// <summary>One round of a bulk requeue on every host the filter names; repeat with the answer's continuation until it is null.</summary>
    [Alias("requeue-all")]
    Task<BulkRequeueAnswer> RequeueAll(BulkRequeueRequest request);
}
