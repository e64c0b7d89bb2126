using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;

namespace CollectorLb.Abstractions.Hosts;

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

    [Alias("get-quarantine")]
    Task<ClusterListing<QuarantinedFile>> GetQuarantine(string? hostId);

    /// <summary>Releases a quarantined file given its key (<c>host/claim/name</c>) or its file name when that is unique.</summary>
    [Alias("requeue")]
    Task<RequeueAnswer> Requeue(string file);
}
