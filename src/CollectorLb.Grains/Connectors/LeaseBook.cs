using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Grains.Connectors;

/// <summary>
/// Outstanding leases and the in-flight counts they hold on their connectors. Ids go from <paramref name="firstId"/> by
/// <paramref name="step"/>: the pool starts each activation at a random point so a lease of an earlier activation never
/// frees one of the current; a silo's local view counts down from -1, so its leases never look like the pool's. Not
/// thread-safe.
/// </summary>
internal sealed class LeaseBook(TimeProvider timeProvider, long firstId, long step)
{
    private readonly Dictionary<long, Lease> _leases = [];
    private long _nextId = firstId;

    public int Count => _leases.Count;

    public IEnumerable<Lease> Outstanding => _leases.Values;

    public ConnectorLease Lend(ConnectorState connector, LeaseRequest request)
    {
        var lease = new Lease(_nextId, connector, request.FileKey, request.SizeBytes, timeProvider.GetUtcNow());
        _nextId += step;
        _leases.Add(lease.Id, lease);
        connector.InFlight++;
        connector.InFlightBytes += lease.Bytes;
        return new ConnectorLease(lease.Id, connector.Name, connector.BaseUrl);
    }

    /// <summary>Ends a lease and frees its connector's slot; false when it is not (or no longer) outstanding.</summary>
    public bool TryReturn(long leaseId, out Lease lease)
    {
        if (!_leases.Remove(leaseId, out lease!))
        {
            return false;
        }

        lease.Connector.InFlight--;
        lease.Connector.InFlightBytes -= lease.Bytes;
        return true;
    }
}
