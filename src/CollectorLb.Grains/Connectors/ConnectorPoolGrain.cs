using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Grains.Connectors.Model;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Registry;

namespace CollectorLb.Grains.Connectors;

/// <summary>
/// The cluster's view of one registry's connectors. Picks are pure in-memory work; the registry is read by
/// an interleaving timer so a slow registry never holds up a pick. Nothing here is persisted: a new
/// activation rebuilds its view from the registry, and leases of the old one simply expire. Reentrant: every
/// call changes the view in one synchronous step, so a lease returned (or a snapshot asked for) never waits behind
/// requests that are waiting for a connector to come free.
/// </summary>
[Reentrant]
internal sealed partial class ConnectorPoolGrain(
    IRegistryClient registryClient,
    IConnectorProber prober,
    CollectorMetrics metrics,
    IOptions<ConnectorPoolOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnectorPoolGrain> logger) : Grain, IConnectorPoolGrain
{
    private static readonly TimeSpan MinimumOnDemandRefreshGap = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRefreshWait = TimeSpan.FromSeconds(2);

    /// <summary>How long a request may wait for a busy pool to free a connector (well under the 30 s call timeout).</summary>
    internal static readonly TimeSpan MaxLeaseWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WaitingPoll = TimeSpan.FromMilliseconds(250);

    private readonly ConnectorPoolOptions _options = options.Value;
    private readonly ConnectorPicker _picker = ConnectorPicker.For(options.Value, timeProvider);
    private readonly PassiveHealthPolicy _health = new(options.Value);

    // From a random point, so a lease an earlier activation gave out never frees one of this activation's.
    private readonly LeaseBook _leases = new(timeProvider, firstId: Random.Shared.NextInt64(1, 1L << 62), step: 1);
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private List<ConnectorState> _connectors = [];
    private IGrainTimer? _refreshTimer;
    private bool _refreshing;
    private DateTimeOffset _lastRefreshStarted = DateTimeOffset.MinValue;
    private DateTimeOffset? _registryAnsweredAt;
    private string? _registryError;
    private bool _registryListsNobody;

    private string RegistryUrl => this.GetPrimaryKeyString();

    private TimeSpan RefreshPeriod => _options.RegistryRefreshPeriod;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _refreshTimer = this.RegisterGrainTimer(
            RefreshAsync,
            new GrainTimerCreationOptions(RefreshPeriod, RefreshPeriod) { Interleave = true });
        this.RegisterGrainTimer(
            ReclaimExpiredLeasesAsync,
            new GrainTimerCreationOptions(ReclaimPeriod, ReclaimPeriod) { Interleave = true });
        var pingPeriod = _options.PingPeriod;
        this.RegisterGrainTimer(PingEjectedAsync, new GrainTimerCreationOptions(pingPeriod, pingPeriod) { Interleave = true });

        // The first files should not wait a retry for the list; a registry that is slow to answer
        // holds the activation only briefly, and the refresh then finishes in the background.
        var firstRefresh = RefreshAsync(cancellationToken);
        await Task.WhenAny(firstRefresh, Task.Delay(FirstRefreshWait, timeProvider, cancellationToken));
    }

    /// <summary>
    /// Picks at once when a connector is free. Otherwise (none listed yet, all at their cap, all ejected for a
    /// request that waits for a healthy one, the one trial of an ejected connector running) waits for a lease to
    /// come back or the list to arrive rather than have the file retry seconds later; null when the wait is over.
    /// Interleaves: each pick is one synchronous step.
    /// </summary>
    public async Task<ConnectorLease?> Acquire(LeaseRequest request)
    {
        var deadline = timeProvider.GetUtcNow() + MaxLeaseWait;
        while (true)
        {
            if (_connectors.Count == 0)
            {
                RefreshSoon();
            }
            else if (_picker.Pick(_connectors, request, _options.MaxInFlightPerConnector) is { } connector)
            {
                return _leases.Lend(connector, request);
            }

            var remaining = deadline - timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            // Woken by a returned lease; the short poll also catches a cool-down running out, a ping answered or a new list.
            while (_waiting.TryPeek(out var head) && head.Task.IsCompleted)
            {
                _waiting.Dequeue(); // given up on by its waiter
            }

            var freed = new TaskCompletionSource();
            _waiting.Enqueue(freed);
            await Task.WhenAny(freed.Task, Task.Delay(remaining < WaitingPoll ? remaining : WaitingPoll, timeProvider));
            freed.TrySetCanceled(); // so a returned lease wakes a request still waiting, not this finished one
        }
    }

    public Task<FailureScope> Release(LeaseOutcome outcome)
    {
        if (!_leases.TryReturn(outcome.LeaseId, out var lease))
        {
            // Reclaimed already, or issued by an earlier activation: nothing is counted for it any more.
            return Task.FromResult(FailureScope.Downstream);
        }

        WakeOneWaiting();
        if (outcome.Unused)
        {
            return Task.FromResult(FailureScope.Downstream);
        }

        var connector = lease.Connector;
        var effect = ConnectorOutcomes.Record(connector, lease.FileKey, outcome, _health, timeProvider.GetUtcNow());
        if (effect.Ejected)
        {
            metrics.ConnectorEjected(connector.Name);
            LogEjected(logger, connector.Name, connector.ConsecutiveFailures, connector.EjectedUntil!.Value, outcome.Error ?? "unknown");
        }
        else if (effect.Readmitted)
        {
            LogReadmitted(logger, connector.Name);
            WakeAllWaiting(); // a connector is back: the files waiting out the outage go now
        }

        return Task.FromResult(effect.Scope);
    }

    public Task<ConnectorPoolSnapshot> GetSnapshot() => Task.FromResult(new ConnectorPoolSnapshot
    {
        Registry = RegistryUrl,
        Policy = _picker.PolicyName,
        Connectors = _connectors.Select(c => c.ToSnapshot()).ToList(),
        RegistryAnsweredAt = _registryAnsweredAt,
        RegistryError = _registryError,
        LeasesOutstanding = _leases.Count,
    });

    private static TimeSpan ReclaimPeriod => TimeSpan.FromSeconds(30);

    /// <summary>A lease came back: the longest-waiting request tries again.</summary>
    private void WakeOneWaiting()
    {
        while (_waiting.TryDequeue(out var waiting))
        {
            if (waiting.TrySetResult())
            {
                return;
            }
        }
    }

    /// <summary>Every waiting request tries again (a connector came back, or the list arrived).</summary>
    private void WakeAllWaiting()
    {
        // Only those waiting now: a woken request runs inline and, finding nothing, queues itself again.
        for (var waiting = _waiting.Count; waiting > 0 && _waiting.TryDequeue(out var request); waiting--)
        {
            request.TrySetResult();
        }
    }

    private void RefreshSoon()
    {
        if (!_refreshing && timeProvider.GetUtcNow() - _lastRefreshStarted >= MinimumOnDemandRefreshGap)
        {
            _refreshTimer?.Change(TimeSpan.Zero, RefreshPeriod);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_refreshing)
        {
            return;
        }

        _refreshing = true;
        _lastRefreshStarted = timeProvider.GetUtcNow();
        try
        {
            var entries = await registryClient.GetConnectorsAsync(RegistryUrl, cancellationToken);
            _registryAnsweredAt = timeProvider.GetUtcNow();
            _registryError = null;
            if (entries.Count == 0 && _connectors.Count > 0)
            {
                // A restarted registry forgets every connector until they refresh their entry (and it drops those
                // that stop answering its pings): keep sending to the ones we know (health checks still take dead
                // ones out) rather than stall. Said once until the registry lists some again.
                if (!_registryListsNobody)
                {
                    LogEmptyListIgnored(logger, RegistryUrl, _connectors.Count);
                }

                _registryListsNobody = true;
                return;
            }

            _registryListsNobody = false;
            Apply(entries);
        }
        catch (Exception ex) when (ex is RegistryUnavailableException or OperationCanceledException)
        {
            if (_registryError != ex.Message)
            {
                LogRegistryUnavailable(logger, RegistryUrl, ex.Message, _connectors.Count);
            }

            _registryError = ex.Message;
        }
        finally
        {
            _refreshing = false;
        }
    }

    /// <summary>Swaps in the registry's list, keeping the counters of connectors that stay.</summary>
    private void Apply(IReadOnlyList<RegistryEntry> entries)
    {
        var known = _connectors.ToDictionary(c => c.Name);
        var next = new List<ConnectorState>(entries.Count);
        foreach (var entry in entries)
        {
            if (known.Remove(entry.Name, out var existing))
            {
                existing.BaseUrl = entry.BaseUrl;
                next.Add(existing);
            }
            else
            {
                next.Add(new ConnectorState(entry.Name, entry.BaseUrl, timeProvider));
                LogConnectorAdded(logger, entry.Name, entry.BaseUrl);
            }
        }

        foreach (var gone in known.Values)
        {
            LogConnectorRemoved(logger, gone.Name, gone.BaseUrl);
        }

        _connectors = next;
        WakeAllWaiting();
    }

    private Task ReclaimExpiredLeasesAsync(CancellationToken cancellationToken)
    {
        var expiredBefore = timeProvider.GetUtcNow() - _options.LeaseTimeout;
        foreach (var lease in _leases.Outstanding.Where(l => l.IssuedAt < expiredBefore).ToList())
        {
            LogLeaseReclaimed(logger, lease.Id, lease.Connector.Name);
            Release(new LeaseOutcome(lease.Id, Acknowledged: false, lease.Bytes, TimeSpan.Zero, "lease expired"));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Active health: a pong from a connector ejected for being unreachable (refused, reset, timed out) ends its
    /// cool-down, so one trial upload can go. One that answered uploads with errors is reachable anyway: it waits.
    /// </summary>
    private async Task PingEjectedAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var connector in _connectors.Where(c => c.EjectedUntil > now && !c.LastFailureAnswered).ToList())
        {
            if (await prober.PingAsync(connector.BaseUrl, cancellationToken) && connector.EjectedUntil > timeProvider.GetUtcNow())
            {
                connector.EjectedUntil = timeProvider.GetUtcNow();
                LogPonged(logger, connector.Name);
                WakeOneWaiting(); // its trial goes now, not at the next poll
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Connector {Name} ejected after {Failures} consecutive failures until {Until:HH:mm:ss} (last: {Error})")] private static partial void LogEjected(ILogger logger, string name, int failures, DateTimeOffset until, string error);
    [LoggerMessage(LogLevel.Information, "Connector {Name} readmitted: its trial upload succeeded")] private static partial void LogReadmitted(ILogger logger, string name);
    [LoggerMessage(LogLevel.Information, "Connector {Name} answered its ping; one trial upload may go")] private static partial void LogPonged(ILogger logger, string name);
    [LoggerMessage(LogLevel.Warning, "Registry {Registry} lists no connector; keeping the {Count} known until it lists some again")] private static partial void LogEmptyListIgnored(ILogger logger, string registry, int count);
    [LoggerMessage(LogLevel.Warning, "Registry {Registry} unavailable ({Reason}); keeping the last list of {Count} connectors")] private static partial void LogRegistryUnavailable(ILogger logger, string registry, string reason, int count);
    [LoggerMessage(LogLevel.Information, "Connector {Name} joined the pool at {Url}")] private static partial void LogConnectorAdded(ILogger logger, string name, string url);
    [LoggerMessage(LogLevel.Information, "Connector {Name} ({Url}) left the pool")] private static partial void LogConnectorRemoved(ILogger logger, string name, string url);
    [LoggerMessage(LogLevel.Warning, "Lease {LeaseId} on connector {Name} was not returned in time; reclaimed")] private static partial void LogLeaseReclaimed(ILogger logger, long leaseId, string name);
}
