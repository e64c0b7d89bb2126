using CollectorLb.Abstractions.Connectors;

namespace CollectorLb.IntegrationTests.Grains.Connectors;

/// <summary>What FileGrains ask the pool and tell it, built the way they build it.</summary>
internal static class PoolCalls
{
    public const long FileBytes = 4096;

    public static LeaseRequest Request(string fileName, bool onlyHealthy = false) =>
        new($"host-a/1/{fileName}", FileBytes, []) { OnlyHealthy = onlyHealthy };

    /// <summary>200 with success: the file was delivered.</summary>
    public static LeaseOutcome Acknowledged(ConnectorLease lease) =>
        new(lease.LeaseId, Acknowledged: true, FileBytes, TimeSpan.FromMilliseconds(5), Error: null) { StatusCode = 200 };

    /// <summary>The connector answered, and not with success: it refused the file.</summary>
    public static LeaseOutcome Refused(ConnectorLease lease, int status = 400) =>
        new(lease.LeaseId, Acknowledged: false, FileBytes, TimeSpan.FromMilliseconds(5), $"HTTP {status}") { StatusCode = status };

    /// <summary>The connector could not be reached: refused before the body went out.</summary>
    public static LeaseOutcome Unreachable(ConnectorLease lease) =>
        new(lease.LeaseId, Acknowledged: false, 0, TimeSpan.FromMilliseconds(5), "connection refused") { Unavailable = true };

    /// <summary>
    /// Returns once the pool has taken the calls this client sent it before: one client's calls to one silo go over one
    /// connection and reach the grain in the order they were sent, so a request sent earlier is waiting by now, and
    /// what the clock released meanwhile has had its turn.
    /// </summary>
    public static Task<ConnectorPoolSnapshot> SettledAsync(this IConnectorPoolGrain pool) => pool.GetSnapshot();

    public static ConnectorSnapshot Connector(this ConnectorPoolSnapshot snapshot, string name) => snapshot.Connectors.Single(c => c.Name == name);
}
