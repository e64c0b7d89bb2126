using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Hosts;
using CollectorLb.Abstractions.Quarantine;
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
/// recorded by the same timer turn. A file is deleted only after a connector acknowledged it. Fast retries use
/// grain timers; a durable reminder is registered only for files that failed or ran long, and removed at the end.
/// </summary>
[Placement.HostAffinePlacement]
internal sealed partial class FileGrain(
    [PersistentState("file", StorageNames.Files)] IPersistentState<FileState> file,
    FileSpool spool,
    QuarantineStore quarantine,
    IFileUploader uploader,
    IFileOpener fileOpener,
    UploadGate uploadGate,
    IBenchmarkJournal benchmarkJournal,
    CollectorMetrics metrics,
    IFileTransitionObserver observer,
    IOptions<DeliveryOptions> deliveryOptions,
    ConnectorPoolReference connectorPool,
    TimeProvider timeProvider,
    ILogger<FileGrain> logger) : Grain, IFileGrain, IRemindable
{
    private const string StuckReminderName = "stuck";

    private readonly CancellationTokenSource _deactivating = new();
    private readonly SemaphoreSlim _stateWrites = new(1);
    private readonly DeliveryOptions _options = deliveryOptions.Value;
    private string _keyText = null!;
    private FileKey _key = null!;
    private IGrainTimer? _attemptTimer;
    private DateTimeOffset? _nextAttemptAt;
    private bool _attemptRunning;
    private bool _waitingForConnector;

    private FileState State => file.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _keyText = this.GetPrimaryKeyString();
        _key = FileKey.Parse(_keyText);
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
            // The spool's claims answer from memory for files this silo claimed; the disk only for the rest (a regular
            // file in a real claim folder: a key someone made up for a planted link finds nothing).
            if (!spool.IsClaimed(_key) && !spool.IsOnDisk(_key))
            {
                // A late report of a file already delivered (its record is cleared with it): nothing to do.
                DeactivateOnIdle();
                return;
            }

            State.SizeBytes = detected.SizeBytes;
            State.OutcomeLost = spool.WasAttempted(_key);
            await TransitionAsync(FileEvent.Detected, detected.DetectedAt);
            benchmarkJournal.FileDetected(_key.FileName, detected.DetectedAt);
            metrics.FilesDetected.Add(1);
            LogDetected(logger, _key.FileName, detected.SizeBytes);
        }

        Resume();
    }

    public Task<FileSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task<RequeueOutcome> Requeue()
    {
        if (State.Status != FileStatus.Quarantined && !(State.Status == FileStatus.Unknown && quarantine.Find(_key) is not null))
        {
            return RequeueOutcome.NotQuarantined;
        }

        if (!quarantine.Release(_key, from => spool.Restore(_key, from)))
        {
            return RequeueOutcome.FileMissing;
        }

        State.Attempts = 0;
        State.ConnectorsTried.Clear();
        State.LastError = null;
        State.SizeBytes = new FileInfo(spool.PathOf(_key)).Length;
        await TransitionAsync(State.Status == FileStatus.Unknown ? FileEvent.Detected : FileEvent.Requeued, timeProvider.GetUtcNow());
        metrics.FilesRequeued.Add(1);
        LogRequeued(logger, _key.FileName);
        Resume();
        return RequeueOutcome.Requeued;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Being activated by the reminder is the point: a restarted cluster finds stuck files this way.
        if (FileLifecycle.IsFinal(State.Status) || State.Status == FileStatus.Unknown)
        {
            return UnregisterStuckReminderAsync();
        }

        Resume();
        return Task.CompletedTask;
    }

    /// <summary>Makes sure unfinished work is scheduled: after a report, a restart, a reminder or a reactivation.</summary>
    private void Resume()
    {
        if (!_attemptRunning && _attemptTimer is null && State.Status is FileStatus.Detected or FileStatus.Dispatching or FileStatus.Sent)
        {
            ScheduleAttempt(TimeSpan.Zero);
        }
    }

    private void ScheduleAttempt(TimeSpan delay)
    {
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
        if (_attemptRunning)
        {
            return;
        }

        _attemptRunning = true;
        try
        {
            await AdvanceAsync();
        }
        catch (Exception ex) when (!_deactivating.IsCancellationRequested)
        {
            // The pool or storage did not answer; the file stays on disk and the next attempt starts over.
            LogAttemptCrashed(logger, ex, _key.FileName);
            ScheduleAttempt(RetryBackoff.Delay(State.Attempts, _options, Random.Shared));
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
            case FileStatus.Dispatching:
                // This activation did not start that upload: the silo stopped while it ran, so its outcome is lost.
                State.OutcomeLost = true;
                State.LastError = "interrupted: the silo stopped during the upload";
                await TransitionAsync(FileEvent.AttemptFailed, timeProvider.GetUtcNow());
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
        var problem = CheckFile(path);
        if (problem is not null)
        {
            await QuarantineAsync(problem);
            return;
        }

        using var slot = await uploadGate.EnterAsync(_deactivating.Token);
        if (slot is null)
        {
            return;
        }

        var lease = await connectorPool.Pool.Acquire(new LeaseRequest(_keyText, State.SizeBytes, State.ConnectorsTried));
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

        State.Attempts++;
        State.Connector = lease.ConnectorName;
        await TransitionAsync(FileEvent.AttemptStarted, timeProvider.GetUtcNow());
        spool.MarkAttempted(_key);

        using var longUpload = this.RegisterGrainTimer(
            RegisterStuckReminderAsync,
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(_options.LongUploadSeconds), Timeout.InfiniteTimeSpan) { Interleave = true });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_deactivating.Token, uploadGate.Aborted);
        var result = await uploader.UploadAsync(new UploadRequest(lease.BaseUrl, path, _key.FileName, FileId()), cancellation.Token);
        longUpload.Dispose();
        await ReturnLeaseAsync(lease, result);
        metrics.UploadDuration.Record(result.Duration.TotalSeconds);

        if (result.Acknowledged)
        {
            await AcknowledgedAsync(lease, result);
        }
        else
        {
            await FailedAsync(lease, result);
        }
    }

    private string? CheckFile(string path)
    {
        try
        {
            return FlowFileCheck.FindProblem(fileOpener, path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return "the file disappeared from the spool: someone else removed it";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot read the file: {ex.Message}";
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
        State.LastError = null;
        await TransitionAsync(FileEvent.Acknowledged, now);
        benchmarkJournal.FileSent(_key.FileName, now);
        metrics.FilesDelivered.Add(1);
        metrics.BytesDelivered.Add(result.BytesSent);
        if (State.Timeline.DetectedAt is { } detectedAt)
        {
            metrics.DeliveryLatency.Record((now - detectedAt).TotalSeconds);
        }

        if (State.OutcomeLost)
        {
            metrics.Duplicates.Add(1);
            LogPossibleDuplicate(logger, _key.FileName, lease.ConnectorName);
        }

        LogSent(logger, _key.FileName, lease.ConnectorName, (long)result.Duration.TotalMilliseconds, State.Attempts);
        await DeleteAsync();
    }

    private async Task FailedAsync(ConnectorLease lease, UploadResult result)
    {
        metrics.UploadFailures.Add(1);
        State.LastError = result.Error;
        // Most recent failure last: the pool steers the next try away from it first.
        State.ConnectorsTried.Remove(lease.ConnectorName);
        State.ConnectorsTried.Add(lease.ConnectorName);

        // Decided before the transition, so the snapshot the statistics keep of it says when the next try comes.
        var now = timeProvider.GetUtcNow();
        var delay = RetryBackoff.Delay(State.Attempts, _options, Random.Shared);
        _nextAttemptAt = State.Attempts < _options.MaxAttempts ? now + delay : null;
        await TransitionAsync(FileEvent.AttemptFailed, now);
        if (_deactivating.IsCancellationRequested || uploadGate.IsClosed)
        {
            _nextAttemptAt = null;
            return; // cancelled by shutdown: the file waits on disk for the next start
        }

        if (State.Attempts >= _options.MaxAttempts)
        {
            await QuarantineAsync($"gave up after {State.Attempts} attempts; last error: {result.Error}");
            return;
        }

        await RegisterStuckReminderAsync(CancellationToken.None);
        LogAttemptFailed(logger, _key.FileName, lease.ConnectorName, State.Attempts, result.Error ?? "unknown", delay.TotalSeconds);
        ScheduleAttempt(delay);
    }

    /// <summary>Returns a lease with the upload's result; null when the lease went unused.</summary>
    private async Task ReturnLeaseAsync(ConnectorLease lease, UploadResult? result)
    {
        try
        {
            await connectorPool.Pool.Release(result is null
                ? new LeaseOutcome(lease.LeaseId, Acknowledged: false, 0, TimeSpan.Zero, null) { Unused = true }
                : new LeaseOutcome(lease.LeaseId, result.Acknowledged, result.BytesSent, result.Duration, result.Error) { StatusCode = result.StatusCode });
        }
        catch (Exception ex)
        {
            // The pool reclaims leases that never come back; the file's own outcome matters more.
            LogLeaseNotReturned(logger, ex, lease.LeaseId);
        }
    }

    /// <summary>
    /// Deletes the acknowledged file, then its record: the final timeline goes to the statistics, and a storage
    /// that kept every delivered file's state would grow without end (memory here, Redis in production).
    /// </summary>
    private async Task DeleteAsync()
    {
        spool.Delete(_key);
        await TransitionAsync(FileEvent.Deleted, timeProvider.GetUtcNow(), persist: false);
        metrics.FilesDeleted.Add(1);
        LogDeleted(logger, _key.FileName);
        await RemoveStuckReminderAsync();
        await WithStateLockAsync(() => file.ClearStateAsync());
        DeactivateOnIdle();
    }

    private async Task QuarantineAsync(string reason)
    {
        var now = timeProvider.GetUtcNow();
        var record = quarantine.Add(_key, spool.PathOf(_key), new QuarantinedFile
        {
            Key = _keyText,
            FileName = _key.FileName,
            HostId = _key.HostId,
            Reason = reason,
            Attempts = State.Attempts,
            LastError = State.LastError,
            ConnectorsTried = State.ConnectorsTried.ToList(),
            SizeBytes = State.SizeBytes,
            DetectedAt = State.Timeline.DetectedAt,
            FirstAttemptAt = State.Timeline.FirstAttemptAt,
            LastAttemptAt = State.Timeline.LastAttemptAt,
            QuarantinedAt = now,
        });
        spool.RemoveClaim(_key);
        State.LastError = reason;
        await TransitionAsync(FileEvent.Quarantined, now);
        metrics.FilesQuarantined.Add(1);
        LogQuarantined(logger, _key.FileName, reason, record.Path ?? "(nothing left to move)");
        await UnregisterStuckReminderAsync();
        DeactivateOnIdle();
    }

    /// <param name="persist">False for <see cref="FileEvent.Deleted"/>: the record is cleared afterwards, not written.</param>
    private async Task TransitionAsync(FileEvent fileEvent, DateTimeOffset at, bool persist = true)
    {
        var previous = State.Status;
        State.Apply(fileEvent, at);
        if (persist)
        {
            await WriteStateAsync();
        }

        observer.OnTransition(Snapshot(), previous);
    }

    private async Task RegisterStuckReminderAsync(CancellationToken cancellationToken)
    {
        if (!State.HasReminder && !FileLifecycle.IsFinal(State.Status))
        {
            var period = TimeSpan.FromSeconds(_options.StuckFileReminderSeconds);
            await this.RegisterOrUpdateReminder(StuckReminderName, period, period);
            State.HasReminder = true;
            await WriteStateAsync();
        }
    }

    private async Task UnregisterStuckReminderAsync()
    {
        if (State.HasReminder)
        {
            await RemoveStuckReminderAsync();
            State.HasReminder = false;
            await WriteStateAsync();
        }
    }

    /// <summary>Unregisters the stuck reminder, if there is one; recording that is left to the caller.</summary>
    private async Task RemoveStuckReminderAsync()
    {
        if (State.HasReminder && await this.GetReminder(StuckReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private Task WriteStateAsync() => WithStateLockAsync(() => file.WriteStateAsync());

    /// <summary>The reminder timer interleaves with an attempt; storage takes one write of a grain at a time.</summary>
    private async Task WithStateLockAsync(Func<Task> write)
    {
        await _stateWrites.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _stateWrites.Release();
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

    /// <summary>Header-safe (names may hold newlines) and unique per claimed file.</summary>
    private string FileId() =>
        $"{Uri.EscapeDataString(_key.HostId)}/{_key.ClaimId}/{Uri.EscapeDataString(_key.FileName)}/{State.SizeBytes}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "detected {FileName} ({Bytes} bytes)")]
    private static partial void LogDetected(ILogger logger, string fileName, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "sent     {FileName} to {Connector} in {Milliseconds} ms (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string fileName, string connector, long milliseconds, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "deleted  {FileName}")]
    private static partial void LogDeleted(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "upload of {FileName} to {Connector} failed (attempt {Attempt}): {Error}; retrying in {DelaySeconds:0.0} s")]
    private static partial void LogAttemptFailed(ILogger logger, string fileName, string connector, int attempt, string error, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "no connector free for {FileName} (none listed, all busy or all ejected); it waits on disk")]
    private static partial void LogNoConnector(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Error, Message = "quarantined {FileName}: {Reason} -> {Path}")]
    private static partial void LogQuarantined(ILogger logger, string fileName, string reason, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "requeued {FileName} from quarantine")]
    private static partial void LogRequeued(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "duplicate possible: {FileName} was sent again to {Connector} after an upload whose outcome was lost in a restart")]
    private static partial void LogPossibleDuplicate(ILogger logger, string fileName, string connector);

    [LoggerMessage(Level = LogLevel.Error, Message = "attempt for {FileName} crashed; it stays on disk and is retried")]
    private static partial void LogAttemptCrashed(ILogger logger, Exception exception, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "lease {LeaseId} could not be returned to the pool")]
    private static partial void LogLeaseNotReturned(ILogger logger, Exception exception, long leaseId);
}
