using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Hosts;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using CollectorLb.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Files;

/// <summary>
/// Drives one claimed flow file to a connector and off the disk. Every call returns at once; each upload
/// attempt runs in an interleaving grain timer, so callers never wait on the network, and the outcome is
/// recorded by the same timer turn. A file is deleted only after a connector acknowledged it. Failures the
/// downstream caused (an outage) never count against the file; only its own do, toward quarantine. Fast retries
/// use grain timers; a durable reminder is registered only for files that failed, ran long or are being moved
/// to or from quarantine, and removed at the end.
/// </summary>
[Placement.HostAffinePlacement]
internal sealed partial class FileGrain(
    [PersistentState("file", StorageNames.Files)] IPersistentState<FileState> file,
    FileSpool spool,
    QuarantineStore quarantine,
    IFileOpener opener,
    IFileUploader uploader,
    UploadGate uploadGate,
    IBenchmarkJournal benchmarkJournal,
    CollectorMetrics metrics,
    IFileTransitionObserver observer,
    IOptions<DeliveryOptions> deliveryOptions,
    ConnectorLeases connectorLeases,
    TimeProvider timeProvider,
    ILogger<FileGrain> logger) : Grain, IFileGrain, IRemindable
{
    private const string StuckReminderName = "stuck";

    private readonly CancellationTokenSource _deactivating = new();
    private readonly DeliveryOptions _options = deliveryOptions.Value;
    private string _keyText = null!;
    private FileKey _key = null!;
    private IGrainTimer? _attemptTimer;
    private DateTimeOffset? _nextAttemptAt;
    private bool _attemptRunning;
    private bool _waitingForConnector;

    /// <summary>The last attempt failed downstream: the next waits for a healthy connector rather than try the least bad.</summary>
    private bool _waitingOutOutage;

    /// <summary>Storage could not tell what it holds: this activation stops and the next one reads the stored record.</summary>
    private bool _abandoned;

    /// <summary>A connector acknowledged the file but storage did not take the record of it: recorded again, never resent.</summary>
    private (ConnectorLease Lease, UploadResult Result)? _unrecordedAcknowledgement;

    private FileState State => file.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _keyText = this.GetPrimaryKeyString();
        _key = FileKey.Parse(_keyText);
        spool.PathOf(_key); // refuses another host's key before anything is read or written
        Resume();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        return Task.CompletedTask;
    }

    public async Task Detect(DetectedFile detected)
    {
        if (State.Status == FileStatus.Unknown)
        {
            // The spool's claims answer from memory for files this silo claimed; the disk only for the rest.
            if (!spool.IsClaimed(_key) && !File.Exists(spool.PathOf(_key)))
            {
                // A late report of a file already delivered (its record is cleared with it): nothing to do.
                DeactivateOnIdle();
                return;
            }

            await TransitionAsync(FileEvent.Detected, detected.DetectedAt, state =>
            {
                state.SizeBytes = detected.SizeBytes;
                state.OutcomeLost = spool.WasAttempted(_key);
            });
            benchmarkJournal.FileDetected(_key.FileName, detected.DetectedAt);
            metrics.FileDetected();
            LogDetected(logger, _key.FileName, detected.SizeBytes);
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
        if (State.PendingMove == QuarantineMove.ToQuarantine)
        {
            await FinishMoveAsync(); // an earlier quarantine stopped half-way: finish it first
        }

        var quarantined = State.Status == FileStatus.Quarantined || (State.Status == FileStatus.Unknown && quarantine.Find(_key) is not null);
        if (State.PendingMove == QuarantineMove.BackToSpool || !quarantined)
        {
            return State.PendingMove == QuarantineMove.BackToSpool ? RequeueOutcome.Requeued : RequeueOutcome.NotQuarantined;
        }

        if (quarantine.Find(_key) is not { } record || !quarantine.Holds(_key))
        {
            return RequeueOutcome.FileMissing;
        }

        await RegisterStuckReminderAsync(persist: false);
        await TransitionAsync(State.Status == FileStatus.Unknown ? FileEvent.Detected : FileEvent.Requeued, timeProvider.GetUtcNow(), state =>
        {
            state.Attempts = 0;
            state.FileFailures = 0;
            state.ConnectorsTried.Clear();
            state.LastError = null;
            state.SizeBytes = record.SizeBytes;
            state.PendingMove = QuarantineMove.BackToSpool;
        });
        await FinishMoveAsync();
        metrics.FileRequeued();
        LogRequeued(logger, _key.FileName);
        Resume();
        return RequeueOutcome.Requeued;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Being activated by the reminder is the point: a restarted cluster finds stuck files this way.
        if (State.PendingMove == QuarantineMove.None && (FileLifecycle.IsFinal(State.Status) || State.Status == FileStatus.Unknown))
        {
            return UnregisterStuckReminderAsync();
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
        if (_abandoned)
        {
            return;
        }

        _attemptTimer?.Dispose();
        _nextAttemptAt = timeProvider.GetUtcNow() + delay;
        _attemptTimer = this.RegisterGrainTimer(
            RunAttemptAsync,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private async Task RunAttemptAsync(CancellationToken cancellationToken)
    {
        _attemptTimer?.Dispose();
        _attemptTimer = null;
        _nextAttemptAt = null;
        if (_attemptRunning || _abandoned)
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
            // The pool, the disk or storage failed us; nothing was counted against the file. It stays on disk and
            // the next attempt starts over from the state as stored.
            LogAttemptCrashed(logger, ex, _key.FileName);
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
                // This activation did not start that upload: the silo stopped during it. If the upload began (the
                // file carries the mark), the connector may have the file.
                await TransitionAsync(FileEvent.AttemptFailed, timeProvider.GetUtcNow(), state =>
                {
                    state.OutcomeLost |= spool.WasAttempted(_key);
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
        if (uploadGate.IsClosed)
        {
            return; // shutting down: the file waits on disk for the next start
        }

        var path = spool.PathOf(_key);
        switch (CheckFile(path, out var problem))
        {
            case FileCheck.Invalid:
                await QuarantineAsync(QuarantineCause.Invalid, problem!);
                return;
            case FileCheck.Missing:
                await QuarantineAsync(QuarantineCause.Missing, "the file disappeared from the spool: someone else removed it");
                return;
            case FileCheck.Unreadable:
                await FailedAsync(null, UploadResult.Failure(UploadOutcome.Unreadable, problem!, 0, TimeSpan.Zero), FailureScope.ThisFile);
                return;
            case FileCheck.HostTrouble:
                LogHostTrouble(logger, _key.FileName, problem!);
                ScheduleAttempt(RetryBackoff.Delay(1, _options, Random.Shared));
                return;
        }

        using var slot = await uploadGate.EnterAsync(_deactivating.Token);
        if (slot is null)
        {
            return;
        }

        var lease = await connectorLeases.AcquireAsync(new LeaseRequest(_keyText, State.SizeBytes, State.ConnectorsTried) { OnlyHealthy = _waitingOutOutage });
        if (lease is null)
        {
            WaitForConnector();
            return;
        }

        _waitingForConnector = false;
        if (uploadGate.IsClosed)
        {
            await ReturnLeaseAsync(lease, null);
            return; // shutdown began while this file waited for a connector: it stays on disk
        }

        UploadResult result;
        try
        {
            await TransitionAsync(FileEvent.AttemptStarted, timeProvider.GetUtcNow(), state =>
            {
                state.Attempts++;
                state.Connector = lease.ConnectorName;
            });
            spool.MarkAttempted(_key);
            using var longUpload = this.RegisterGrainTimer(
                _ => State.Status == FileStatus.Dispatching ? RegisterStuckReminderAsync(persist: false) : Task.CompletedTask,
                new GrainTimerCreationOptions(TimeSpan.FromSeconds(_options.LongUploadSeconds), Timeout.InfiniteTimeSpan) { Interleave = true });
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_deactivating.Token, uploadGate.Aborted);
            result = await uploader.UploadAsync(new UploadRequest(lease.BaseUrl, path, _key.FileName, FileId()), cancellation.Token);
        }
        catch
        {
            // The upload never ran (the state could not be written): the connector's slot goes back unused.
            await ReturnLeaseAsync(lease, null);
            throw;
        }

        var scope = await ReturnLeaseAsync(lease, result);
        metrics.UploadFinished(lease.ConnectorName, result.Duration);
        if (result.Acknowledged)
        {
            await AcknowledgedAsync(lease, result);
        }
        else
        {
            await FailedAsync(lease, result, scope);
        }
    }

    /// <summary>Reads the header through the opener (no links followed, never blocking); what is wrong, if anything.</summary>
    private FileCheck CheckFile(string path, out string? problem)
    {
        try
        {
            using var stream = opener.OpenRead(path);
            Span<byte> header = stackalloc byte[FlowFileCheck.HeaderBytes];
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            problem = FlowFileCheck.FindProblem(header[..read], stream.Length);
            return problem is null ? FileCheck.Sendable : FileCheck.Invalid;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = null;
            return FileCheck.Missing;
        }
        catch (Exception ex) when (IoErrors.IsLink(ex))
        {
            problem = "a symbolic link, not a flow file";
            return FileCheck.Invalid;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read the file: {ex.Message}";
            return IoErrors.IsHostTrouble(ex) ? FileCheck.HostTrouble : FileCheck.Unreadable;
        }
    }

    private void WaitForConnector()
    {
        if (!_waitingForConnector)
        {
            _waitingForConnector = true;
            LogNoConnector(logger, _key.FileName);
        }

        ScheduleAttempt(TimeSpan.FromSeconds(_options.NoConnectorRetrySeconds));
    }

    private async Task AcknowledgedAsync(ConnectorLease lease, UploadResult result)
    {
        var now = timeProvider.GetUtcNow();
        _unrecordedAcknowledgement = (lease, result);
        await TransitionAsync(FileEvent.Acknowledged, now, state => state.LastError = null);
        _unrecordedAcknowledgement = null;
        benchmarkJournal.FileSent(_key.FileName, now);
        metrics.FileDelivered(lease.ConnectorName, result.BytesSent, now - State.Timeline.DetectedAt);
        if (State.OutcomeLost)
        {
            metrics.DuplicatePossible();
            LogPossibleDuplicate(logger, _key.FileName, lease.ConnectorName);
        }

        LogSent(logger, _key.FileName, lease.ConnectorName, (long)result.Duration.TotalMilliseconds, State.Attempts);
        await DeleteAsync();
    }

    /// <param name="lease">Null when the file could not be read before any connector was asked.</param>
    private async Task FailedAsync(ConnectorLease? lease, UploadResult result, FailureScope scope)
    {
        var connector = lease?.ConnectorName ?? "(none)";
        metrics.UploadFailed(connector, result.Outcome);

        // Only the file's own failures count toward quarantine: an outage or a shutdown says nothing about the file.
        var counts = result.Outcome switch
        {
            UploadOutcome.Unreadable => true,
            UploadOutcome.Refused or UploadOutcome.NoAnswer => scope == FailureScope.ThisFile,
            _ => false,
        };
        _waitingOutOutage = !counts;

        // Decided before the transition, so the snapshot the statistics keep of it says when the next try comes.
        var now = timeProvider.GetUtcNow();
        var failures = State.FileFailures + (counts ? 1 : 0);
        var delay = counts ? RetryBackoff.Delay(failures, _options, Random.Shared) : TimeSpan.FromSeconds(_options.NoConnectorRetrySeconds);
        _nextAttemptAt = failures < _options.MaxAttempts ? now + delay : null;
        await TransitionAsync(State.Status == FileStatus.Dispatching ? FileEvent.AttemptFailed : null, now, state =>
        {
            state.LastError = result.Error;
            state.FileFailures = failures;
            state.OutcomeLost |= result.OutcomeUnknown;
            if (lease is not null)
            {
                // Most recent failure last: the pool steers the next try away from it first.
                state.ConnectorsTried.Remove(lease.ConnectorName);
                state.ConnectorsTried.Add(lease.ConnectorName);
            }
        });
        if (_deactivating.IsCancellationRequested || uploadGate.IsClosed)
        {
            _nextAttemptAt = null;
            return; // cancelled by shutdown: the file waits on disk for the next start
        }

        if (failures >= _options.MaxAttempts)
        {
            await QuarantineAsync(QuarantineCause.MaxAttempts, $"gave up after {failures} attempts; last error: {result.Error}");
            return;
        }

        await RegisterStuckReminderAsync(persist: true);
        LogAttemptFailed(logger, _key.FileName, connector, State.Attempts, result.Error ?? "unknown",
            counts ? $"counts against the file: {failures} of {_options.MaxAttempts}" : "downstream, not counted", delay.TotalSeconds);
        ScheduleAttempt(delay);
    }

    /// <summary>Returns a lease with the upload's result (null: the lease went unused); whom a failure is blamed on.</summary>
    private async Task<FailureScope> ReturnLeaseAsync(ConnectorLease lease, UploadResult? result)
    {
        try
        {
            return await connectorLeases.ReleaseAsync(lease, result is null
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
            LogLeaseNotReturned(logger, ex, lease.LeaseId);
            return FailureScope.Downstream;
        }
    }

    /// <summary>
    /// Deletes the acknowledged file, then its record: the final timeline goes to the statistics, and a storage
    /// that kept every delivered file's state would grow without end (memory here, Redis in production).
    /// </summary>
    private async Task DeleteAsync()
    {
        spool.Delete(_key);
        var previous = State.Status;
        State.Apply(FileEvent.Deleted, timeProvider.GetUtcNow());
        observer.OnTransition(Snapshot(), previous);
        metrics.FileDeleted();
        LogDeleted(logger, _key.FileName);
        if (State.HasReminder)
        {
            await RemoveStuckReminderAsync();
        }

        await ClearAsync();
        DeactivateOnIdle();
    }

    /// <summary>Clears the record; when storage reports a failure, reads it back to learn whether it is gone (see <see cref="PersistAsync"/>).</summary>
    private async Task ClearAsync()
    {
        try
        {
            await file.ClearStateAsync();
        }
        catch (Exception clearError)
        {
            await ReadBackAsync(clearError);
            if (State.Status != FileStatus.Unknown)
            {
                throw; // still stored (as Sent): the retry deletes nothing and clears again
            }
        }
    }

    private async Task QuarantineAsync(QuarantineCause cause, string reason)
    {
        // A crash from here on leaves a reminder and the pending move: the next activation finishes the move.
        await RegisterStuckReminderAsync(persist: false);
        await PersistAsync(state => state.PendingMove = QuarantineMove.ToQuarantine);
        var record = quarantine.Add(_key, spool.PathOf(_key), QuarantineRecord.Of(_key, State, reason, timeProvider.GetUtcNow()));
        await RecordQuarantinedAsync(reason);
        metrics.FileQuarantined(cause);
        LogQuarantined(logger, _key.FileName, reason, record.Path ?? "(nothing left to move)");
    }

    /// <summary>The file and its record are in the quarantine folder: the claim ends and the state says so.</summary>
    private async Task RecordQuarantinedAsync(string reason)
    {
        spool.RemoveClaim(_key);
        await TransitionAsync(FileEvent.Quarantined, timeProvider.GetUtcNow(), state =>
        {
            state.LastError = reason;
            state.PendingMove = QuarantineMove.None;
        });
        await UnregisterStuckReminderAsync();
        DeactivateOnIdle();
    }

    /// <summary>Finishes a move to or from quarantine that a crash (or a failed write) cut short; nothing when none is pending.</summary>
    private async Task FinishMoveAsync()
    {
        switch (State.PendingMove)
        {
            case QuarantineMove.BackToSpool:
                if (quarantine.Holds(_key))
                {
                    quarantine.Release(_key, from => spool.Restore(_key, from));
                }
                else
                {
                    quarantine.Forget(_key); // the file is back already; only its record was left
                }

                await PersistAsync(state => state.PendingMove = QuarantineMove.None);
                break;
            case QuarantineMove.ToQuarantine when quarantine.Holds(_key):
                await RecordQuarantinedAsync(quarantine.Find(_key)?.Reason ?? State.LastError ?? "quarantined");
                break;
            case QuarantineMove.ToQuarantine:
                // The file never left the spool: forget the half-written record; the next attempt decides again.
                quarantine.Forget(_key);
                await PersistAsync(state => state.PendingMove = QuarantineMove.None);
                break;
        }
    }

    /// <param name="fileEvent">Null to record the change without a transition (a failure before any upload).</param>
    private async Task TransitionAsync(FileEvent? fileEvent, DateTimeOffset at, Action<FileState>? change = null)
    {
        var previous = State.Status;
        await PersistAsync(state =>
        {
            change?.Invoke(state);
            if (fileEvent is { } transition)
            {
                state.Apply(transition, at);
            }
        });
        observer.OnTransition(Snapshot(), previous);
    }

    /// <summary>
    /// Changes the state and writes it. When the write fails, the stored record is read back: if the write did
    /// apply (only its answer was lost) all is well; if not, the state in memory is the stored one again and the
    /// failure goes to the caller; if storage cannot even be read, this activation gives up and the next one
    /// starts from the stored record. So the state never runs ahead of storage, and a stale ETag never wedges it.
    /// </summary>
    private async Task PersistAsync(Action<FileState> change)
    {
        change(State);
        var revision = ++State.Revision;
        try
        {
            await file.WriteStateAsync();
        }
        catch (Exception writeError)
        {
            await ReadBackAsync(writeError);
            if (State.Revision != revision)
            {
                throw;
            }

            LogWriteAnswerLost(logger, writeError, _key.FileName);
        }
    }

    /// <summary>After a failed write, the stored record becomes the state again; if it cannot be read, this activation ends.</summary>
    private async Task ReadBackAsync(Exception writeError)
    {
        try
        {
            await file.ReadStateAsync();
        }
        catch (Exception readError)
        {
            _abandoned = true;
            DeactivateOnIdle();
            throw new AggregateException(writeError, readError);
        }
    }

    /// <param name="persist">False when the next state write records it (or when it must not interleave with one).</param>
    private async Task RegisterStuckReminderAsync(bool persist)
    {
        if (!State.HasReminder)
        {
            var period = TimeSpan.FromSeconds(_options.StuckFileReminderSeconds);
            await this.RegisterOrUpdateReminder(StuckReminderName, period, period);
            State.HasReminder = true;
            if (persist)
            {
                await PersistAsync(_ => { });
            }
        }
    }

    private async Task UnregisterStuckReminderAsync()
    {
        await RemoveStuckReminderAsync();
        if (State.HasReminder)
        {
            await PersistAsync(state => state.HasReminder = false);
        }
    }

    /// <summary>
    /// Unregisters the stuck reminder, looked up by name: one registered by a long upload just before a crash exists
    /// although the stored state does not say so. Recording that is left to the caller.
    /// </summary>
    private async Task RemoveStuckReminderAsync()
    {
        if (await this.GetReminder(StuckReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private FileSnapshot Snapshot() => new()
    {
        Key = _keyText,
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

    private enum FileCheck
    {
        Sendable,
        Invalid,
        Missing,
        Unreadable,
        HostTrouble,
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "detected {FileName} ({Bytes} bytes)")]
    private static partial void LogDetected(ILogger logger, string fileName, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "sent     {FileName} to {Connector} in {Milliseconds} ms (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string fileName, string connector, long milliseconds, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "deleted  {FileName}")]
    private static partial void LogDeleted(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "upload of {FileName} to {Connector} failed (attempt {Attempt}): {Error}; {Blame}; retrying in {DelaySeconds:0.0} s")]
    private static partial void LogAttemptFailed(ILogger logger, string fileName, string connector, int attempt, string error, string blame, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "no connector free for {FileName} (none listed, all busy or all ejected); it waits on disk")]
    private static partial void LogNoConnector(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{FileName} cannot be read for now ({Problem}); the host is short of something, the file waits")]
    private static partial void LogHostTrouble(ILogger logger, string fileName, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "quarantined {FileName}: {Reason} -> {Path}")]
    private static partial void LogQuarantined(ILogger logger, string fileName, string reason, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "requeued {FileName} from quarantine")]
    private static partial void LogRequeued(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "duplicate possible: {FileName} was sent again to {Connector} after an upload whose outcome is unknown")]
    private static partial void LogPossibleDuplicate(ILogger logger, string fileName, string connector);

    [LoggerMessage(Level = LogLevel.Error, Message = "attempt for {FileName} crashed; it stays on disk and is retried")]
    private static partial void LogAttemptCrashed(ILogger logger, Exception exception, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "lease {LeaseId} could not be returned to the pool")]
    private static partial void LogLeaseNotReturned(ILogger logger, Exception exception, long leaseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "state of {FileName} was written although storage reported a failure")]
    private static partial void LogWriteAnswerLost(ILogger logger, Exception exception, string fileName);
}
