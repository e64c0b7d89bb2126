using Orleans.Concurrency;

namespace CollectorLb.Abstractions.Connectors;

/// <summary>
/// The cluster-wide view of one registry's connectors, keyed by the registry's base URL.
/// Every call is cheap: no I/O happens inside a pick.
/// </summary>
[Alias("collectorlb.connector-pool")]
public interface IConnectorPoolGrain : IGrainWithStringKey
{
    /// <summary>
    /// Picks a connector for a file, waiting a little when none is free (all busy, all ejected, none listed yet);
    /// null when none came free in time (the caller retries later).
    /// </summary>
    [Alias("acquire")]
    [AlwaysInterleave]
    Task<ConnectorLease?> Acquire(LeaseRequest request);

    /// <summary>
    /// Returns a lease with what happened to the upload. For a failure, says whether it is the file's own (the connector
    /// takes other files) or the downstream's; <see cref="FailureScope.Downstream"/> for anything else.
    /// </summary>
    [Alias("release")]
    Task<FailureScope> Release(LeaseOutcome outcome);

    [Alias("get-snapshot")]
    Task<ConnectorPoolSnapshot> GetSnapshot();
}
