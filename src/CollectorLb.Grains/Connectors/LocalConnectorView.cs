using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Grains.Connectors.Model;
using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Connectors;

/// <summary>
/// A silo's own picks while the pool does not answer: the connectors of the pool's last snapshot, picked, leased and
/// judged by the code the pool runs (<see cref="ConnectorPicker"/>, <see cref="ConnectorOutcomes"/>), with this silo's
/// own uploads as the in-flight counts, held against its share of each connector's cap. Thread-safe: the silo's file
/// grains call it at once.
/// </summary>
internal sealed class LocalConnectorView
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly PassiveHealthPolicy _health;
    private readonly ConnectorPicker _picker;
    private readonly LeaseBook _leases;
    private List<ConnectorState> _connectors = [];
    private TaskCompletionSource _freed = NewSignal();

    public LocalConnectorView(ConnectorPoolOptions options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _health = new PassiveHealthPolicy(options);
        _picker = ConnectorPicker.For(options, timeProvider);
        _leases = new LeaseBook(timeProvider, firstId: -1, step: -1);
    }

    /// <summary>Connectors known from the pool's last snapshot; 0 before the first.</summary>
    public int ConnectorCount
    {
        get
        {
            lock (_lock)
            {
                return _connectors.Count;
            }
        }
    }

    /// <summary>Leases this view gave out and that have not come back.</summary>
    public int Outstanding
    {
        get
        {
            lock (_lock)
            {
                return _leases.Count;
            }
        }
    }

    /// <summary>Completes when one of this view's leases comes back (a waiting pick tries again).</summary>
    public Task Freed
    {
        get
        {
            lock (_lock)
            {
                return _freed.Task;
            }
        }
    }

    /// <summary>True for the ids this view gives out (negative), which only it takes back.</summary>
    public static bool IsLocal(long leaseId) => leaseId < 0;

    /// <summary>
    /// Takes the pool's connectors, health and latency estimates; the uploads this silo runs under its own leases stay
    /// counted. Which files failed on a connector is not in the snapshot: one with failures since its last success is
    /// taken as failing several files, so no failure here is blamed on a file until it succeeds again.
    /// </summary>
    public void Update(ConnectorPoolSnapshot snapshot)
    {
        lock (_lock)
        {
            var known = _connectors.ToDictionary(c => c.Name, StringComparer.Ordinal);
            var next = new List<ConnectorState>(snapshot.Connectors.Count);
            foreach (var seen in snapshot.Connectors)
            {
                if (!known.Remove(seen.Name, out var connector))
                {
                    connector = new ConnectorState(seen.Name, seen.BaseUrl, _timeProvider);
                }

                connector.BaseUrl = seen.BaseUrl;
                connector.Successes = seen.Successes;
                connector.Failures = seen.Failures;
                connector.ConsecutiveFailures = seen.ConsecutiveFailures;
                connector.LastError = seen.LastError;
                connector.EjectedUntil = seen.EjectedUntil;
                connector.Ejections = seen.EjectedUntil is null ? 0 : Math.Max(1, connector.Ejections);
                connector.FirstFileFailedSinceSuccess = null;
                connector.FailingSeveralFiles = seen.ConsecutiveFailures > 0;
                connector.Latency.Assume(seen.SecondsPerMegabyte);
                next.Add(connector);
            }

            _connectors = next;
        }
    }

    /// <summary>A lease on a connector with fewer than <paramref name="maxInFlightPerConnector"/> of this silo's uploads; null when none may take the file now.</summary>
    public ConnectorLease? TryLend(LeaseRequest request, int maxInFlightPerConnector)
    {
        lock (_lock)
        {
            return _picker.Pick(_connectors, request, maxInFlightPerConnector) is { } connector ? _leases.Lend(connector, request) : null;
        }
    }

    /// <summary>Takes back one of this view's leases with its outcome; whom a failure is blamed on.</summary>
    public FailureScope Return(LeaseOutcome outcome)
    {
        TaskCompletionSource freed;
        var scope = FailureScope.Downstream;
        lock (_lock)
        {
            if (!_leases.TryReturn(outcome.LeaseId, out var lease))
            {
                return FailureScope.Downstream;
            }

            if (!outcome.Unused)
            {
                scope = ConnectorOutcomes.Record(lease.Connector, lease.FileKey, outcome, _health, _timeProvider.GetUtcNow()).Scope;
            }

            freed = _freed;
            _freed = NewSignal();
        }

        freed.TrySetResult();
        return scope;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
