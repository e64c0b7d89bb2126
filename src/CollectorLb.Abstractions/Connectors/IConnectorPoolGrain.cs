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
    /// Picks a connector for a file, waiting a little when all known connectors are busy; null when none is known
    /// or none came free in time (the caller retries later).
    /// </summary>
    [Alias("acquire")]
    [AlwaysInterleave]
    Task<ConnectorLease?> Acquire(LeaseRequest request);

    /// <summary>Returns a lease with what happened to the upload.</summary>
    [Alias("release")]
    Task Release(LeaseOutcome outcome);

    [Alias("get-snapshot")]
    Task<ConnectorPoolSnapshot> GetSnapshot();
}
