using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Hosts;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Interop;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Files;

/// <summary>
/// Drives one claimed flow file to a connector and off the disk. Every call returns at once; each upload attempt
/// runs in an interleaving grain timer, so callers never wait on the network, and the outcome is recorded by the same
/// timer turn. A file is deleted only after a connector acknowledged it. Failures the downstream caused (an outage)
/// never count against the file; only its own do, toward quarantine. Every change is written before it is believed
/// (<see cref="FileRecord"/>) and told to the observers (<see cref="FileTransitions"/>).
/// </summary>
[Placement.HostAffinePlacement]
internal sealed partial class FileGrain : Grain, IFileGrain, IRemindable
{
    private readonly FileSpool _spool;
    private readonly QuarantineStore _quarantine;
    private readonly UploadGate _uploads;
    private readonly FileTransitions _transitions;
    private readonly DeliveryOptions _options;
    private readonly ConnectorLeases _leases;
    private readonly TimeProvider _time;
    private readonly ILogger<FileGrain> _logger;
    private readonly FileRecord _record;
    private readonly StuckFileReminder _reminder;
    private readonly FileTrace _trace = new();
    private readonly CancellationTokenSource _deactivating = new();
    private FileKey _key = null!;
    private IGrainTimer? _attemptTimer;
    private DateTimeOffset? _nextAttemptAt;
    private bool _attemptRunning;
    private bool _waitingForConnector;

    /// <summary>The last attempt failed downstream: the next waits for a healthy connector rather than try the least bad.</summary>
    private bool _waitingOutOutage;

    /// <summary>A connector acknowledged the file but storage did not take the record of it: recorded again, never resent.</summary>
    private (ConnectorLease Lease, UploadResult Result)? _unrecordedAcknowledgement;

    public FileGrain(
        [PersistentState("file", StorageNames.Files)] IPersistentState<FileState> file,
        FileSpool spool,
        QuarantineStore quarantine,
        UploadGate uploads,
        FileTransitions transitions,
        IOptions<DeliveryOptions> options,
        ConnectorLeases leases,
        TimeProvider time,
        ILogger<FileGrain> logger)
    {
        (_spool, _quarantine, _uploads, _transitions, _options, _leases, _time, _logger) =
            (spool, quarantine, uploads, transitions, options.Value, leases, time, logger);
        _record = new FileRecord(file, DeactivateOnIdle);
        _reminder = new StuckFileReminder(this, _record, TimeSpan.FromSeconds(_options.StuckFileReminderSeconds));
    }

    private FileState State => _record.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = FileKey.Parse(this.GetPrimaryKeyString());
        _spool.PathOf(_key); // refuses another host's key before anything is read or written
        Resume();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        _trace.End("unfinished: its activation ended");
        return Task.CompletedTask;
    }

    public async Task Detect(DetectedFile detected)
    {
        if (State.Status == FileStatus.Unknown)
        {
            // The spool's claims answer from memory for files this silo claimed; the disk only for the rest (a regular
            // file in a real claim folder: a key someone made up for a planted link finds nothing).
            if (!_spool.IsClaimed(_key) && !_spool.IsOnDisk(_key))
            {
                DeactivateOnIdle(); // a late report of a file already delivered (its record is cleared with it)
                return;
            }

            _trace.Begin(_key, detected.SizeBytes);
            await TransitionAsync(FileEvent.Detected, detected.DetectedAt, state =>
            {
                state.SizeBytes = detected.SizeBytes;
                state.OutcomeLost = _spool.WasAttempted(_key);
            });
        }

        Resume();
    }

    public Task<FileSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    /// <summary>
    /// Decides the requeue in the file's state first (with a reminder to finish it), then moves the file back and
    /// removes its record: a crash anywhere in between is finished by the next activation.
    /// </summary>
    public async Task<RequeueOutcome> Requeue()
    {
        var requeuing = State.PendingMove == QuarantineMove.BackToSpool; // asked again after a requeue cut short
        await FinishMoveAsync(); // an earlier move stopped half-way: finish it first
        if (requeuing)
        {
            Resume();
            return RequeueOutcome.Requeued;
        }

        if (State.Status != FileStatus.Quarantined && !(State.Status == FileStatus.Unknown && _quarantine.Find(_key) is not null))
        {
            return RequeueOutcome.NotQuarantined;
        }

        if (_quarantine.Find(_key) is not { } record || !_quarantine.Holds(_key))
        {
            return RequeueOutcome.FileMissing;
        }

        await _reminder.RegisterAsync(persist: false);
        _trace.Begin(_key, record.SizeBytes);
        await TransitionAsync(FileEvent.Requeued, _time.GetUtcNow(), state =>
        {
            state.Attempts = 0;
            state.FileFailures = 0;
            state.ConnectorsTried.Clear();
            state.LastError = null;
            state.SizeBytes = record.SizeBytes;
            state.PendingMove = QuarantineMove.BackToSpool;
        });
        await FinishMoveAsync();
        Resume();
        return RequeueOutcome.Requeued;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Being activated by the reminder is the point: a restarted cluster finds stuck files this way.
        if (State.PendingMove == QuarantineMove.None && (FileLifecycle.IsFinal(State.Status) || State.Status == FileStatus.Unknown))
        {
            return _reminder.UnregisterAsync();
        }

        Resume();
        return Task.CompletedTask;
    }

    /// <summary>Makes sure unfinished work is scheduled: after a report, a restart, a reminder or a reactivation.</summary>
    private void Resume()
    {
        var unfinished = State.PendingMove != QuarantineMove.None || State.Status is FileStatus.Detected or FileStatus.Dispatching or FileStatus.Sent;
        if (unfinished && !_attemptRunning && _attemptTimer is null)
        {
            ScheduleAttempt(TimeSpan.Zero);
        }
    }

    private void ScheduleAttempt(TimeSpan delay)
    {
        if (_record.Lost)
        {
            return; // this activation ends; the next one starts from the stored record
        }

        _attemptTimer?.Dispose();
        _nextAttemptAt = _time.GetUtcNow() + delay;
        _attemptTimer = this.RegisterGrainTimer(
            RunAttemptAsync,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private async Task RunAttemptAsync(CancellationToken cancellationToken)
    {
        _attemptTimer?.Dispose();
        (_attemptTimer, _nextAttemptAt) = (null, null);
        if (_attemptRunning || _record.Lost)
        {
            return;
        }

        _attemptRunning = true;
        try
        {
            await FinishMoveAsync();
            await AdvanceAsync();
        }
        catch (Exception ex) when (!_deactivating.IsCancellationRequested)
        {
            // The pool, the disk or storage failed us; nothing was counted against the file. It stays on disk and the
            // next attempt starts over from the state as stored.
            LogAttemptCrashed(_logger, ex, _key.FileName);
            ScheduleAttempt(RetryBackoff.Delay(Math.Max(1, State.FileFailures), _options, Random.Shared));
        }
        finally
        {
            _attemptRunning = false;
        }
    }

    private async Task AdvanceAsync()
    {
        switch (State.Status)
        {
            case FileStatus.Dispatching when _unrecordedAcknowledgement is { } acknowledgement:
                await AcknowledgedAsync(acknowledgement.Lease, acknowledgement.Result);
                break;
            case FileStatus.Dispatching:
                // This activation did not start that upload: the silo stopped during it. If the upload began (the file
                // carries the mark), the connector may have the file.
                await TransitionAsync(FileEvent.AttemptFailed, _time.GetUtcNow(), state =>
                {
                    state.OutcomeLost |= _spool.WasAttempted(_key);
                    state.LastError = "interrupted: the silo stopped during the upload";
                });
                await UploadAsync();
                break;
            case FileStatus.Detected:
                await UploadAsync();
                break;
            case FileStatus.Sent:
                await DeleteAsync();
                break;
        }
    }

    private async Task UploadAsync()
    {
        if (_uploads.IsClosed || !await CheckFileAsync())
        {
            return; // shutting down (the file waits on disk for the next start), or the check decided
        }

        using var slot = await _uploads.EnterAsync(_deactivating.Token);
        if (slot is null)
        {
            return;
        }

        var lease = await _leases.AcquireAsync(new LeaseRequest(_key.ToString(), State.SizeBytes, State.ConnectorsTried) { OnlyHealthy = _waitingOutOutage });
        if (lease is null)
        {
            WaitForConnector();
            return;
        }

        _waitingForConnector = false;
        if (_uploads.IsClosed)
        {
            await ReturnLeaseAsync(lease, null);
            return; // shutdown began while this file waited for a connector: it stays on disk
        }

        UploadResult result;
        try
        {
            await TransitionAsync(FileEvent.AttemptStarted, _time.GetUtcNow(), state =>
            {
                state.Attempts++;
                state.Connector = lease.ConnectorName;
            });
            _spool.MarkAttempted(_key);
            using var longUpload = this.RegisterGrainTimer(
                _ => State.Status == FileStatus.Dispatching ? _reminder.RegisterAsync(persist: false) : Task.CompletedTask,
                new GrainTimerCreationOptions(TimeSpan.FromSeconds(_options.LongUploadSeconds), Timeout.InfiniteTimeSpan) { Interleave = true });
            using var attempt = _trace.StartAttempt(_key, lease.ConnectorName, State.Attempts);
            result = await _uploads.UploadAsync(new UploadRequest(lease.BaseUrl, _spool.PathOf(_key), _key.FileName, FileId()), _deactivating.Token);
            FileTrace.Outcome(attempt, result);
        }
        catch
        {
            // The upload never ran (the state could not be written): the connector's slot goes back unused.
            await ReturnLeaseAsync(lease, null);
            throw;
        }

        var scope = await ReturnLeaseAsync(lease, result);
        await (result.Acknowledged ? AcknowledgedAsync(lease, result) : FailedAsync(lease.ConnectorName, result, scope));
    }

    /// <summary>
    /// Reads the header; true when the file may be sent. An invalid or vanished file goes to quarantine, an unreadable
    /// one counts as a failure of its own, and one the host cannot open for now (out of descriptors) just waits.
    /// </summary>
    private async Task<bool> CheckFileAsync()
    {
        try
        {
            return _spool.FindProblem(_key) is not { } problem || await QuarantineAsync(QuarantineCause.Invalid, problem);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return await QuarantineAsync(QuarantineCause.Missing, "the file disappeared from the spool: someone else removed it");
        }
        catch (Exception ex) when (UnixErrors.IsLink(ex))
        {
            return await QuarantineAsync(QuarantineCause.Invalid, "a symbolic link, not a flow file");
        }
        catch (Exception ex) when (UnixErrors.IsHostTrouble(ex))
        {
            LogHostTrouble(_logger, _key.FileName, ex.Message);
            ScheduleAttempt(RetryBackoff.Delay(1, _options, Random.Shared));
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await FailedAsync(null, UploadResult.Failure(UploadOutcome.Unreadable, $"cannot read the file: {ex.Message}", 0, TimeSpan.Zero), FailureScope.ThisFile);
            return false;
        }
    }

    private void WaitForConnector()
    {
        if (!_waitingForConnector)
        {
            _waitingForConnector = true;
            LogNoConnector(_logger, _key.FileName);
        }

        ScheduleAttempt(TimeSpan.FromSeconds(_options.NoConnectorRetrySeconds));
    }

    private async Task AcknowledgedAsync(ConnectorLease lease, UploadResult result)
    {
        _unrecordedAcknowledgement = (lease, result);
        await TransitionAsync(
            FileEvent.Acknowledged,
            _time.GetUtcNow(),
            state => state.LastError = null,
            transition => transition with { Connector = lease.ConnectorName, Upload = result, PossibleDuplicate = State.OutcomeLost });
        _unrecordedAcknowledgement = null;
        await DeleteAsync();
    }

    /// <param name="connector">Null when the file could not be read before any connector was asked.</param>
    private async Task FailedAsync(string? connector, UploadResult result, FailureScope scope)
    {
        // Only the file's own failures count toward quarantine: an outage or a shutdown says nothing about the file.
        var counts = result.Outcome switch
        {
            UploadOutcome.Unreadable => true,
            UploadOutcome.Refused or UploadOutcome.NoAnswer => scope == FailureScope.ThisFile,
            _ => false,
        };
        _waitingOutOutage = !counts;
        var failures = State.FileFailures + (counts ? 1 : 0);
        var shuttingDown = _deactivating.IsCancellationRequested || _uploads.IsClosed;
        TimeSpan? retryIn = shuttingDown || failures >= _options.MaxAttempts ? null
            : counts ? RetryBackoff.Delay(failures, _options, Random.Shared)
            : TimeSpan.FromSeconds(_options.NoConnectorRetrySeconds);

        // Decided before the transition, so the snapshot the statistics keep of it says when the next try comes.
        _nextAttemptAt = _time.GetUtcNow() + retryIn;
        await TransitionAsync(
            FileEvent.AttemptFailed,
            _time.GetUtcNow(),
            state =>
            {
                state.LastError = result.Error;
                state.FileFailures = failures;
                state.OutcomeLost |= result.OutcomeUnknown;
                if (connector is not null)
                {
                    // Most recent failure last: the pool steers the next try away from it first.
                    state.ConnectorsTried.Remove(connector);
                    state.ConnectorsTried.Add(connector);
                }
            },
            transition => transition with { Connector = connector, Upload = result, CountsAgainstFile = counts, RetryIn = retryIn });
        if (shuttingDown)
        {
            _nextAttemptAt = null; // cancelled by shutdown: the file waits on disk for the next start
        }
        else if (retryIn is { } delay)
        {
            await _reminder.RegisterAsync(persist: true);
            ScheduleAttempt(delay);
        }
        else
        {
            await QuarantineAsync(QuarantineCause.MaxAttempts, $"gave up after {failures} attempts; last error: {result.Error}");
        }
    }

    /// <summary>Returns a lease with the upload's result (null: the lease went unused); whom a failure is blamed on.</summary>
    private async Task<FailureScope> ReturnLeaseAsync(ConnectorLease lease, UploadResult? result)
    {
        try
        {
            return await _leases.ReleaseAsync(lease, result is null
                ? new LeaseOutcome(lease.LeaseId, Acknowledged: false, 0, TimeSpan.Zero, null) { Unused = true }
                : new LeaseOutcome(lease.LeaseId, result.Acknowledged, result.BytesSent, result.Duration, result.Error)
                {
                    StatusCode = result.StatusCode,
                    Unavailable = result.Outcome == UploadOutcome.Unavailable,
                });
        }
        catch (Exception ex)
        {
            // The pool reclaims leases that never come back. Without its word, the failure is not the file's.
            LogLeaseNotReturned(_logger, ex, lease.LeaseId);
            return FailureScope.Downstream;
        }
    }

    /// <summary>
    /// Deletes the acknowledged file, then its record: the final timeline goes to the statistics, and a storage that
    /// kept every delivered file's state would grow without end (memory here, Redis in production).
    /// </summary>
    private async Task DeleteAsync()
    {
        _spool.Delete(_key);
        var previous = State.Status;
        State.Apply(FileEvent.Deleted, _time.GetUtcNow());
        _transitions.Publish(new FileTransition(FileEvent.Deleted, Snapshot(), previous));
        _trace.Event(FileEvent.Deleted);
        _trace.End("deleted");
        await _reminder.RemoveRecordedAsync();
        await _record.ClearAsync(); // a failure leaves the record at Sent: the retry deletes nothing and clears again
        DeactivateOnIdle();
    }

    /// <summary>Moves the file to quarantine with its record, the record first; false (the file is not to be sent).</summary>
    private async Task<bool> QuarantineAsync(QuarantineCause cause, string reason)
    {
        // A crash from here on leaves a reminder and the pending move: the next activation finishes the move.
        await _reminder.RegisterAsync(persist: false);
        await _record.WriteAsync(state => state.PendingMove = QuarantineMove.ToQuarantine);
        var record = _quarantine.Add(_key, _spool.PathOf(_key), QuarantineRecord.Of(_key, State, reason, _time.GetUtcNow()));
        await RecordQuarantinedAsync(reason, cause, record.Path);
        return false;
    }

    /// <summary>The file and its record are in the quarantine folder: the claim ends and the state says so.</summary>
    private async Task RecordQuarantinedAsync(string reason, QuarantineCause cause, string? path)
    {
        _spool.RemoveClaim(_key);
        await TransitionAsync(
            FileEvent.Quarantined,
            _time.GetUtcNow(),
            state => (state.LastError, state.PendingMove) = (reason, QuarantineMove.None),
            transition => transition with { QuarantineCause = cause, QuarantinePath = path });
        _trace.End("quarantined", failed: true);
        await _reminder.UnregisterAsync();
        DeactivateOnIdle();
    }

    /// <summary>Finishes a move to or from quarantine that a crash (or a failed write) cut short; nothing when none is pending.</summary>
    private async Task FinishMoveAsync()
    {
        switch (State.PendingMove)
        {
            case QuarantineMove.BackToSpool:
                if (!_quarantine.Holds(_key) || !_quarantine.Release(_key, from => _spool.Restore(_key, from)))
                {
                    _quarantine.Forget(_key); // the file is back already; only its record was left
                }

                await _record.WriteAsync(state => state.PendingMove = QuarantineMove.None);
                break;
            case QuarantineMove.ToQuarantine when _quarantine.Find(_key) is { Path: { } path } record && File.Exists(path):
                await RecordQuarantinedAsync(record.Reason, State.FileFailures >= _options.MaxAttempts ? QuarantineCause.MaxAttempts : QuarantineCause.Invalid, path);
                break;
            case QuarantineMove.ToQuarantine:
                // The file never left the spool: forget the half-written record; the next attempt decides again.
                _quarantine.Forget(_key);
                await _record.WriteAsync(state => state.PendingMove = QuarantineMove.None);
                break;
        }
    }

    /// <summary>Writes the change with the file's next state, then tells the observers (<paramref name="describe"/> adds what it carried).</summary>
    private async Task TransitionAsync(FileEvent fileEvent, DateTimeOffset at, Action<FileState> change, Func<FileTransition, FileTransition>? describe = null)
    {
        var previous = State.Status;
        if (await _record.WriteAsync(state =>
            {
                change(state);
                state.Apply(fileEvent, at);
            }))
        {
            LogWriteAnswerLost(_logger, _key.FileName);
        }

        var transition = new FileTransition(fileEvent, Snapshot(), previous);
        _transitions.Publish(describe?.Invoke(transition) ?? transition);
        _trace.Event(fileEvent);
    }

    private FileSnapshot Snapshot() => new()
    {
        Key = _key.ToString(),
        FileName = _key.FileName,
        HostId = _key.HostId,
        Status = State.Status,
        SizeBytes = State.SizeBytes,
        Attempts = State.Attempts,
        Connector = State.Connector,
        LastError = State.LastError,
        Timeline = State.Timeline,
        NextAttemptAt = _nextAttemptAt,
        ActivationSilo = this.RuntimeIdentity,
    };

    /// <summary>Header-safe (names may hold newlines), unique per claimed file and the same for every resend.</summary>
    private string FileId() =>
        $"{Uri.EscapeDataString(_key.HostId)}/{_key.ClaimId}/{Uri.EscapeDataString(_key.FileName)}/{State.SizeBytes}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "no connector free for {FileName} (none listed, all busy or all ejected); it waits on disk")]
    private static partial void LogNoConnector(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{FileName} cannot be read for now ({Problem}); the host is short of something, the file waits")]
    private static partial void LogHostTrouble(ILogger logger, string fileName, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "attempt for {FileName} crashed; it stays on disk and is retried")]
    private static partial void LogAttemptCrashed(ILogger logger, Exception exception, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "lease {LeaseId} could not be returned to the pool")]
    private static partial void LogLeaseNotReturned(ILogger logger, Exception exception, long leaseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "state of {FileName} was written although storage reported a failure")]
    private static partial void LogWriteAnswerLost(ILogger logger, string fileName);
}
