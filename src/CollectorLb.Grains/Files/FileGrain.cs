using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;

namespace CollectorLb.Grains.Files;

/// <summary>
/// Drives one claimed flow file to a connector and off the disk. Every call returns at once; each upload attempt
/// runs in an interleaving grain timer, so callers never wait on the network, and the outcome is recorded by the same
/// timer turn. A file is deleted only after a connector acknowledged it. Failures the downstream caused (an outage)
/// never count against the file; only its own do, toward quarantine (<see cref="AttemptVerdict"/>). Its state lives
/// in <see cref="FileLife"/>; its moves to and from quarantine in <see cref="QuarantineMoves"/>.
/// </summary>
[Placement.HostAffinePlacement]
internal sealed partial class FileGrain(
    [PersistentState("file", StorageNames.Files)] IPersistentState<FileState> file,
    FileSpool spool,
    UploadGate uploads,
    ConnectorLeases leases,
    FileTransitions transitions,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<FileGrain> logger) : Grain, IFileGrain, IRemindable
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly CancellationTokenSource _deactivating = new();
    private FileLife _life = null!;
    private StuckFileReminder _reminder = null!;
    private QuarantineMoves _moves = null!;
    private AttemptTimer _attempts = null!;
    private ConnectorWait _connector = null!;

    /// <summary>A connector acknowledged the file but storage did not take the record of it: recorded again, never resent.</summary>
    private (ConnectorLease Lease, UploadResult Result)? _unrecordedAcknowledgement;

    private FileKey Key => _life.Key;

    private FileState State => _life.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = FileKey.Parse(this.GetPrimaryKeyString());
        spool.PathOf(key); // refuses another host's key before anything is read or written
        var record = new FileRecord(file, DeactivateOnIdle);
        _life = new FileLife(key, record, transitions, RuntimeIdentity, logger);
        _reminder = new StuckFileReminder(this, record, _options.StuckFileReminderPeriod);
        _moves = new QuarantineMoves(_life, _reminder, spool, time, _options.MaxAttempts, DeactivateOnIdle);
        _attempts = new AttemptTimer(this, _life, time, AttemptAsync, RetryAfterCrash);
        _connector = new ConnectorWait(leases, _attempts, _options.NoConnectorRetryDelay, logger);
        Resume();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        _life.Trace.End("unfinished: its activation ended");
        return Task.CompletedTask;
    }

    public async Task Detect(DetectedFile detected)
    {
        if (State.Status == FileStatus.Unknown)
        {
            // The spool's claims answer from memory for files this silo claimed; the disk only for the rest (a regular
            // file in a real claim folder: a key someone made up for a planted link finds nothing).
            if (!spool.IsClaimed(Key) && !spool.IsOnDisk(Key))
            {
                DeactivateOnIdle(); // a late report of a file already delivered (its record is cleared with it)
                return;
            }

            _life.Trace.Begin(Key, detected.SizeBytes);
            await _life.TransitionAsync(FileEvent.Detected, detected.DetectedAt, state =>
            {
                state.SizeBytes = detected.SizeBytes;
                state.OutcomeLost = spool.WasAttempted(Key);
            });
        }

        Resume();
    }

    public Task<FileSnapshot> GetSnapshot() => Task.FromResult(_life.Snapshot());

    public async Task<RequeueOutcome> Requeue()
    {
        var outcome = await _moves.RequeueAsync();
        Resume();
        return outcome;
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
        if (unfinished && _attempts.Idle)
        {
            _attempts.Schedule(TimeSpan.Zero);
        }
    }

    private async Task AttemptAsync()
    {
        await _moves.FinishPendingAsync();
        await AdvanceAsync();
    }

    /// <summary>
    /// The pool, the disk or storage failed us; nothing was counted against the file. It stays on disk and the next
    /// attempt starts over from the state as stored (none when the activation is ending).
    /// </summary>
    private TimeSpan? RetryAfterCrash(Exception exception)
    {
        if (_deactivating.IsCancellationRequested)
        {
            return null;
        }

        LogAttemptCrashed(logger, exception, Key.FileName);
        return RetryBackoff.Delay(Math.Max(1, State.FileFailures), _options, Random.Shared);
    }

    private async Task AdvanceAsync()
    {
        switch (State.Status)
        {
            case FileStatus.Dispatching when _unrecordedAcknowledgement is { } acknowledgement:
                await SentAsync(acknowledgement.Lease, acknowledgement.Result);
                break;
            case FileStatus.Dispatching:
                // This activation did not start that upload: the silo stopped during it. If the upload began (the file
                // carries the mark), the connector may have the file.
                await _life.TransitionAsync(FileEvent.AttemptFailed, time.GetUtcNow(), state =>
                {
                    state.OutcomeLost |= spool.WasAttempted(Key);
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
        if (uploads.IsClosed || !await CheckFileAsync())
        {
            return; // shutting down (the file waits on disk for the next start), or the check decided
        }

        using var slot = await uploads.EnterAsync(_deactivating.Token);
        var lease = slot is null ? null : await _connector.AcquireAsync(Key, State);
        if (lease is null)
        {
            return; // no slot: the silo stops and the file waits on disk for the next start; no connector: asked again later
        }

        if (uploads.IsClosed)
        {
            await leases.ReturnAsync(lease, null);
            return; // shutdown began while this file waited for a connector: it stays on disk
        }

        UploadResult result;
        try
        {
            await _life.TransitionAsync(FileEvent.AttemptStarted, time.GetUtcNow(), state => (state.Attempts, state.Connector) = (state.Attempts + 1, lease.ConnectorName));
            spool.MarkAttempted(Key);
            using var longUpload = this.RegisterGrainTimer(
                _ => State.Status == FileStatus.Dispatching ? _reminder.RegisterAsync(persist: false) : Task.CompletedTask,
                new GrainTimerCreationOptions(_options.LongUploadAfter, Timeout.InfiniteTimeSpan) { Interleave = true });
            using var attempt = _life.Trace.StartAttempt(Key, lease.ConnectorName, State.Attempts);
            result = await uploads.UploadAsync(new UploadRequest(lease.BaseUrl, spool.PathOf(Key), Key.FileName, _life.FileId()), _deactivating.Token);
            FileTrace.Outcome(attempt, result);
        }
        catch
        {
            // The upload never ran (the state could not be written): the connector's slot goes back unused.
            await leases.ReturnAsync(lease, null);
            throw;
        }

        var scope = await leases.ReturnAsync(lease, result);
        await (result.Acknowledged ? SentAsync(lease, result) : FailedAsync(lease.ConnectorName, result, scope));
    }

    /// <summary>
    /// Reads the header; true when the file may be sent. An invalid or vanished file goes to quarantine, an unreadable
    /// one counts as a failure of its own, and one the host cannot open for now (out of descriptors) just waits.
    /// </summary>
    private async Task<bool> CheckFileAsync()
    {
        var check = HeaderCheck.Of(spool, Key);
        switch (check.Result)
        {
            case HeaderCheckResult.Invalid or HeaderCheckResult.Missing:
                await _moves.QuarantineAsync(check.Result == HeaderCheckResult.Invalid ? QuarantineCause.Invalid : QuarantineCause.Missing, check.Problem!);
                break;
            case HeaderCheckResult.Unreadable:
                await FailedAsync(null, UploadResult.Failure(UploadOutcome.Unreadable, check.Problem!, 0, TimeSpan.Zero), FailureScope.ThisFile);
                break;
            case HeaderCheckResult.HostTrouble:
                LogHostTrouble(logger, Key.FileName, check.Problem!);
                _attempts.Schedule(RetryBackoff.Delay(1, _options, Random.Shared));
                break;
        }

        return check.Result == HeaderCheckResult.Sendable;
    }

    private async Task SentAsync(ConnectorLease lease, UploadResult result)
    {
        _unrecordedAcknowledgement = (lease, result);
        await _life.TransitionAsync(
            FileEvent.Sent,
            time.GetUtcNow(),
            state => state.LastError = null,
            transition => transition with { Connector = lease.ConnectorName, Upload = result, PossibleDuplicate = State.OutcomeLost });
        _unrecordedAcknowledgement = null;
        await DeleteAsync();
    }

    /// <param name="connector">Null when the file could not be read before any connector was asked.</param>
    private async Task FailedAsync(string? connector, UploadResult result, FailureScope scope)
    {
        var shuttingDown = _deactivating.IsCancellationRequested || uploads.IsClosed;
        var verdict = AttemptVerdict.Of(result, scope, State.FileFailures, _options, shuttingDown, Random.Shared);
        _connector.AfterOutage = !verdict.CountsAgainstFile;

        // Decided before the transition, so the snapshot the statistics keep of it says when the next try comes.
        _life.NextAttemptAt = time.GetUtcNow() + verdict.RetryIn;
        await _life.TransitionAsync(
            FileEvent.AttemptFailed,
            time.GetUtcNow(),
            state =>
            {
                (state.LastError, state.FileFailures) = (result.Error, verdict.FileFailures);
                state.OutcomeLost |= result.OutcomeUnknown;
                if (connector is not null)
                {
                    // Most recent failure last: the pool steers the next try away from it first.
                    state.ConnectorsTried.Remove(connector);
                    state.ConnectorsTried.Add(connector);
                }
            },
            transition => transition with { Connector = connector, Upload = result, CountsAgainstFile = verdict.CountsAgainstFile, RetryIn = verdict.RetryIn });
        if (verdict.RetryIn is { } delay)
        {
            await _reminder.RegisterAsync(persist: true);
            _attempts.Schedule(delay);
        }
        else if (verdict.Quarantine(shuttingDown))
        {
            await _moves.QuarantineAsync(QuarantineCause.MaxAttempts, $"gave up after {verdict.FileFailures} attempts; last error: {result.Error}");
        }
    }

    /// <summary>
    /// Deletes the acknowledged file, then its record: the final timeline goes to the statistics, and a storage that
    /// kept every delivered file's state would grow without end (memory here, Redis in production).
    /// </summary>
    private async Task DeleteAsync()
    {
        spool.Delete(Key);
        _life.Deleted(time.GetUtcNow());
        await _reminder.RemoveRecordedAsync();
        await _life.Record.ClearAsync(); // a failure leaves the record at Sent: the retry deletes nothing and clears again
        DeactivateOnIdle();
    }

    [LoggerMessage(LogLevel.Warning, "{FileName} cannot be read for now ({Problem}); the host is short of something, the file waits")] private static partial void LogHostTrouble(ILogger logger, string fileName, string problem);
    [LoggerMessage(LogLevel.Error, "attempt for {FileName} crashed; it stays on disk and is retried")] private static partial void LogAttemptCrashed(ILogger logger, Exception exception, string fileName);
}
