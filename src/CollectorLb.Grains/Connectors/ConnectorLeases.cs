using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Connectors;

/// <summary>
/// This silo's way to a connector: leases from the pool grain while it answers, from a local view of the pool's last
/// snapshot while it does not. When the pool's silo is lost, calls to the pool fail or go unanswered until the cluster
/// declares that silo dead and activates the pool elsewhere (tens of seconds with production membership settings). A
/// pool call that fails turns this silo to local picks at once; one without an answer within <see cref="UnansweredAfter"/>
/// has the pool probed (its snapshot read), and a probe that fails or goes unanswered as long does the same. Every
/// <see cref="ProbePeriod"/> the probe is tried again, and the first answer turns the silo back. Thread-safe; never throws
/// for the pool's sake.
/// </summary>
internal sealed partial class ConnectorLeases : IDisposable
{
    /// <summary>A call the pool answers at once (a lease returned, a snapshot) without an answer by then has the pool probed; a probe without one, finds it unreachable.</summary>
    public static readonly TimeSpan UnansweredAfter = TimeSpan.FromSeconds(2);

    /// <summary>How often the pool's snapshot (what local picks start from) is read while the pool answers.</summary>
    public static readonly TimeSpan SnapshotPeriod = TimeSpan.FromSeconds(5);

    /// <summary>How often the pool is asked again while it does not answer.</summary>
    public static readonly TimeSpan ProbePeriod = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan AcquireUnansweredAfter = ConnectorPoolGrain.MaxLeaseWait + UnansweredAfter;
    private static readonly TimeSpan LocalWaitingPoll = TimeSpan.FromMilliseconds(250);

    private readonly ConnectorPoolReference _pool;
    private readonly IClusterMembershipService _membership;
    private readonly ConnectorPoolOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConnectorLeases> _logger;
    private readonly LocalConnectorView _local;
    private readonly Lock _lock = new();

    /// <summary>Completed while the pool does not answer; a fresh one once it answers again.</summary>
    private volatile TaskCompletionSource _unreachable = NewSignal();
    private long _unreachableSince;
    private volatile ITimer? _timer;
    private int _refreshing;
    private bool _disposed;

    public ConnectorLeases(
        ConnectorPoolReference pool,
        IClusterMembershipService membership,
        IOptions<ConnectorPoolOptions> options,
        TimeProvider timeProvider,
        ILogger<ConnectorLeases> logger)
    {
        _pool = pool;
        _membership = membership;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _local = new LocalConnectorView(options.Value, timeProvider);
    }

    /// <summary>False while this silo picks on its own because the pool does not answer.</summary>
    public bool PoolAnswering => !_unreachable.Task.IsCompleted;

    /// <summary>Times this silo turned to local picks.</summary>
    public int TimesUnreachable { get; private set; }

    /// <summary>Leases this silo gave out on its own and that have not come back.</summary>
    public int LocalLeasesOutstanding => _local.Outstanding;

    /// <summary>A connector for the file, from the pool or, while it does not answer, from the local view; null when none came free in time.</summary>
    public async Task<ConnectorLease?> AcquireAsync(LeaseRequest request)
    {
        var unreachable = _unreachable.Task;
        if (!unreachable.IsCompleted)
        {
            var call = _pool.Pool.Acquire(request);
            var (answered, lease) = await AnswerOrGiveUpAsync(call, AcquireUnansweredAfter, unreachable, "lease request");
            if (answered)
            {
                // Snapshots start once the pool has answered: its first activation (a registry read) is no outage.
                EnsureSnapshotsRead();
                return lease;
            }

            _ = ReturnIfGrantedLateAsync(call);
            if (PoolAnswering)
            {
                return null; // the pool answers its probe but not this request: the file tries again later
            }
        }

        return await AcquireLocallyAsync(request);
    }

    /// <summary>
    /// Returns a lease with its outcome; for a failure, whom it is blamed on. The pool decides while it answers; a local
    /// lease is judged by the local view; a pool lease whose pool does not answer goes back in the background (in case it
    /// does) and its failure is not the file's.
    /// </summary>
    /// <summary>
    /// Returns a lease with its upload's result (null: the lease went unused) and says whom a failure is blamed on.
    /// Never throws: a lease the pool does not hear of it reclaims, and without its word a failure is not the file's.
    /// </summary>
    public async Task<FailureScope> ReturnAsync(ConnectorLease lease, UploadResult? result)
    {
        try
        {
            return await ReleaseAsync(lease, result is null
                ? new LeaseOutcome(lease.LeaseId, Acknowledged: false, 0, TimeSpan.Zero, null) { Unused = true }
                : new LeaseOutcome(lease.LeaseId, result.Acknowledged, result.BytesSent, result.Duration, result.Error)
                {
                    StatusCode = result.StatusCode,
                    Unavailable = result.Outcome == UploadOutcome.Unavailable,
                });
        }
        catch (Exception ex)
        {
            LogLeaseNotReturned(_logger, ex, lease.LeaseId);
            return FailureScope.Downstream;
        }
    }

    public async Task<FailureScope> ReleaseAsync(ConnectorLease lease, LeaseOutcome outcome)
    {
        if (LocalConnectorView.IsLocal(lease.LeaseId))
        {
            return _local.Return(outcome);
        }

        var unreachable = _unreachable.Task;
        var call = _pool.Pool.Release(outcome);
        if (unreachable.IsCompleted)
        {
            Observe(call);
            return FailureScope.Downstream;
        }

        var (answered, scope) = await AnswerOrGiveUpAsync(call, UnansweredAfter, unreachable, "lease return");
        return answered ? scope : FailureScope.Downstream;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }

    private async Task<ConnectorLease?> AcquireLocallyAsync(LeaseRequest request)
    {
        var started = _timeProvider.GetTimestamp();
        while (true)
        {
            var freed = _local.Freed; // taken before the try, so a lease returned in between is not missed
            if (_local.TryLend(request, LocalShareOfCap()) is { } lease)
            {
                return lease;
            }

            if (PoolAnswering)
            {
                return await AcquireAsync(request);
            }

            var remaining = ConnectorPoolGrain.MaxLeaseWait - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            // Woken by a local lease returned; the poll also catches a cool-down running out and the pool answering again.
            await Task.WhenAny(freed, Task.Delay(remaining < LocalWaitingPoll ? remaining : LocalWaitingPoll, _timeProvider)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// This silo's share of each connector's cluster-wide cap while it picks on its own: the other silos pick on their
    /// own too, and none sees the others' uploads.
    /// </summary>
    private int LocalShareOfCap()
    {
        var active = 0;
        foreach (var member in _membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active)
            {
                active++;
            }
        }

        return Math.Max(1, _options.MaxInFlightPerConnector / Math.Max(1, active));
    }

    /// <summary>
    /// The pool's answer; none when the call failed (the pool is then unreachable), or had no answer in time, or another
    /// call found the pool unreachable meanwhile. A call without an answer after <see cref="UnansweredAfter"/> has the pool
    /// probed: a pool that is only slow, or waiting for a connector to come free, answers the probe and keeps the silo
    /// with it; one that is gone does not, and the probe turns the silo to local picks.
    /// </summary>
    private async Task<(bool Answered, T? Value)> AnswerOrGiveUpAsync<T>(Task<T> call, TimeSpan timeout, Task unreachable, string what)
    {
        var started = _timeProvider.GetTimestamp();
        var finished = await FinishedWithinAsync(call, timeout < UnansweredAfter ? timeout : UnansweredAfter, unreachable);
        if (!finished && !unreachable.IsCompleted)
        {
            _ = RefreshAsync();
            finished = await FinishedWithinAsync(call, timeout - _timeProvider.GetElapsedTime(started), unreachable);
        }

        if (finished && call.IsCompletedSuccessfully)
        {
            return (true, await call);
        }

        if (finished)
        {
            var error = call.Exception?.GetBaseException();
            MarkUnreachable($"a {what} failed: {error?.GetType().Name}: {error?.Message}");
        }
        else
        {
            Observe(call); // its failure, if it comes, says nothing new
        }

        return (false, default);
    }

    /// <summary>True when the call finished (well or not) within <paramref name="wait"/>; false when the wait ran out or the pool was found unreachable first.</summary>
    private async Task<bool> FinishedWithinAsync(Task call, TimeSpan wait, Task unreachable)
    {
        if (!call.IsCompleted && wait > TimeSpan.Zero)
        {
            var waited = call.WaitAsync(wait, _timeProvider);
            await Task.WhenAny(waited, unreachable).ConfigureAwait(false);
            Observe(waited);
        }

        return call.IsCompleted;
    }

    /// <summary>A lease the pool grants after this silo stopped waiting for it is given back unused, so it holds no connector.</summary>
    private async Task ReturnIfGrantedLateAsync(Task<ConnectorLease?> call)
    {
        try
        {
            if (await call.ConfigureAwait(false) is { } late)
            {
                Observe(_pool.Pool.Release(new LeaseOutcome(late.LeaseId, Acknowledged: false, 0, TimeSpan.Zero, null) { Unused = true }));
            }
        }
        catch (Exception)
        {
            // The pool is unreachable, which this silo knows already.
        }
    }

    private void EnsureSnapshotsRead()
    {
        if (_timer is not null)
        {
            return;
        }

        lock (_lock)
        {
            if (_timer is null && !_disposed)
            {
                _timer = _timeProvider.CreateTimer(_ => _ = RefreshAsync(), null, TimeSpan.Zero, SnapshotPeriod);
            }
        }
    }

    /// <summary>Reads the pool's snapshot: the view local picks start from, and the probe that finds the pool answering again.</summary>
    private async Task RefreshAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            var snapshot = await _pool.Pool.GetSnapshot().WaitAsync(UnansweredAfter, _timeProvider).ConfigureAwait(false);
            _local.Update(snapshot);
            MarkAnswering();
        }
        catch (Exception ex)
        {
            MarkUnreachable(ex is TimeoutException
                ? $"a snapshot read had no answer within {UnansweredAfter.TotalSeconds:0} s"
                : $"a snapshot read failed: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private void MarkUnreachable(string reason)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            signal = _unreachable;
            if (signal.Task.IsCompleted || _disposed)
            {
                return;
            }

            _unreachableSince = _timeProvider.GetTimestamp();
            TimesUnreachable++;
            if (_timer is null)
            {
                _timer = _timeProvider.CreateTimer(_ => _ = RefreshAsync(), null, ProbePeriod, ProbePeriod);
            }
            else
            {
                _timer.Change(ProbePeriod, ProbePeriod);
            }
        }

        LogPoolUnreachable(_logger, reason, _local.ConnectorCount);
        signal.TrySetResult(); // requests waiting on the pool pick locally now
    }

    private void MarkAnswering()
    {
        TimeSpan unreachableFor;
        lock (_lock)
        {
            if (!_unreachable.Task.IsCompleted || _disposed)
            {
                return;
            }

            unreachableFor = _timeProvider.GetElapsedTime(_unreachableSince);
            _unreachable = NewSignal();
            _timer?.Change(SnapshotPeriod, SnapshotPeriod);
        }

        LogPoolAnswering(_logger, unreachableFor.TotalSeconds, _local.Outstanding);
    }

    private static void Observe(Task task) =>
        task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(LogLevel.Warning, "lease {LeaseId} could not be returned to the pool")] private static partial void LogLeaseNotReturned(ILogger logger, Exception exception, long leaseId);
    [LoggerMessage(LogLevel.Warning, "the connector pool does not answer ({Reason}); this silo picks connectors itself from the pool's last view ({Connectors} connectors) until it answers again")] private static partial void LogPoolUnreachable(ILogger logger, string reason, int connectors);
    [LoggerMessage(LogLevel.Information, "the connector pool answers again after {Seconds:0.0} s; {Outstanding} uploads still run under this silo's own leases")] private static partial void LogPoolAnswering(ILogger logger, double seconds, int outstanding);
}
