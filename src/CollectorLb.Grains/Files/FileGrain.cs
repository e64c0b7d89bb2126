using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Files;

/// <summary>
/// Drives one claimed flow file to a connector and off the disk. Every call returns at once; each upload
/// attempt runs in an interleaving grain timer, so callers never wait on the network, and the outcome is
/// recorded by the same timer turn. A file is deleted only after a connector acknowledged it.
/// </summary>
[Placement.HostAffinePlacement]
internal sealed partial class FileGrain(
    [PersistentState("file", StorageNames.Files)] IPersistentState<FileState> file,
    FileSpool spool,
    IFileUploader uploader,
    IBenchmarkJournal benchmarkJournal,
    IOptions<DeliveryOptions> deliveryOptions,
    IOptions<RegistryOptions> registryOptions,
    TimeProvider timeProvider,
    ILogger<FileGrain> logger) : Grain, IFileGrain
{
    private readonly CancellationTokenSource _deactivating = new();
    private FileKey _key = null!;
    private IGrainTimer? _attemptTimer;
    private bool _attemptRunning;
    private bool _waitingForConnector;

    private FileState State => file.State;

    private IConnectorPoolGrain Pool => GrainFactory.GetGrain<IConnectorPoolGrain>(registryOptions.Value.BaseUrl);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = FileKey.Parse(this.GetPrimaryKeyString());
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
            State.SizeBytes = detected.SizeBytes;
            State.Apply(FileEvent.Detected, detected.DetectedAt);
            await file.WriteStateAsync();
            benchmarkJournal.FileDetected(_key.FileName, detected.DetectedAt);
            LogDetected(logger, _key.FileName, detected.SizeBytes);
        }

        Resume();
    }

    public Task<FileSnapshot> GetSnapshot() => Task.FromResult(new FileSnapshot
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
        ActivationSilo = this.RuntimeIdentity,
    });

    /// <summary>Makes sure unfinished work is scheduled: after a report, a restart or a reactivation.</summary>
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
        _attemptTimer = this.RegisterGrainTimer(
            RunAttemptAsync,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private async Task RunAttemptAsync(CancellationToken cancellationToken)
    {
        _attemptTimer?.Dispose();
        _attemptTimer = null;
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
            ScheduleAttempt(RetryBackoff.Delay(State.Attempts, deliveryOptions.Value, Random.Shared));
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
                // This activation did not start that upload: the silo stopped while it ran. Its outcome is unknown, so send again.
                State.LastError = "interrupted: the silo stopped during the upload";
                State.Apply(FileEvent.AttemptFailed, timeProvider.GetUtcNow());
                await file.WriteStateAsync();
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
        var path = spool.PathOf(_key);
        if (!File.Exists(path))
        {
            LogFileMissing(logger, _key.FileName, path);
            return;
        }

        var lease = await Pool.Acquire(new LeaseRequest(_key.ToString(), State.SizeBytes, State.ConnectorsTried));
        if (lease is null)
        {
            if (!_waitingForConnector)
            {
                _waitingForConnector = true;
                LogNoConnector(logger, _key.FileName);
            }

            ScheduleAttempt(TimeSpan.FromSeconds(deliveryOptions.Value.NoConnectorRetrySeconds));
            return;
        }

        _waitingForConnector = false;
        State.Attempts++;
        State.Connector = lease.ConnectorName;
        State.Apply(FileEvent.AttemptStarted, timeProvider.GetUtcNow());
        await file.WriteStateAsync();

        var result = await uploader.UploadAsync(
            new UploadRequest(lease.BaseUrl, path, _key.FileName, FileId()),
            _deactivating.Token);
        await ReturnLeaseAsync(lease, result);

        if (result.Acknowledged)
        {
            State.LastError = null;
            State.Apply(FileEvent.Acknowledged, timeProvider.GetUtcNow());
            await file.WriteStateAsync();
            benchmarkJournal.FileSent(_key.FileName, timeProvider.GetUtcNow());
            LogSent(logger, _key.FileName, lease.ConnectorName, (long)result.Duration.TotalMilliseconds, State.Attempts);
            await DeleteAsync();
            return;
        }

        State.LastError = result.Error;
        if (!State.ConnectorsTried.Contains(lease.ConnectorName))
        {
            State.ConnectorsTried.Add(lease.ConnectorName);
        }

        State.Apply(FileEvent.AttemptFailed, timeProvider.GetUtcNow());
        await file.WriteStateAsync();
        var delay = RetryBackoff.Delay(State.Attempts, deliveryOptions.Value, Random.Shared);
        LogAttemptFailed(logger, _key.FileName, lease.ConnectorName, State.Attempts, result.Error ?? "unknown", delay.TotalSeconds);
        ScheduleAttempt(delay);
    }

    private async Task ReturnLeaseAsync(ConnectorLease lease, UploadResult result)
    {
        try
        {
            await Pool.Release(new LeaseOutcome(lease.LeaseId, result.Acknowledged, result.BytesSent, result.Duration, result.Error));
        }
        catch (Exception ex)
        {
            // The pool reclaims leases that never come back; the file's own outcome matters more.
            LogLeaseNotReturned(logger, ex, lease.LeaseId);
        }
    }

    private async Task DeleteAsync()
    {
        spool.Delete(_key);
        State.Apply(FileEvent.Deleted, timeProvider.GetUtcNow());
        await file.WriteStateAsync();
        LogDeleted(logger, _key.FileName);
        DeactivateOnIdle();
    }

    /// <summary>Header-safe (names may hold newlines) and unique per claimed file.</summary>
    private string FileId() =>
        $"{Uri.EscapeDataString(_key.HostId)}/{_key.ClaimId}/{Uri.EscapeDataString(_key.FileName)}/{State.SizeBytes}";

    [LoggerMessage(Level = LogLevel.Information, Message = "detected {FileName} ({Bytes} bytes)")]
    private static partial void LogDetected(ILogger logger, string fileName, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "sent     {FileName} to {Connector} in {Milliseconds} ms (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string fileName, string connector, long milliseconds, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "deleted  {FileName}")]
    private static partial void LogDeleted(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "upload of {FileName} to {Connector} failed (attempt {Attempt}): {Error}; retrying in {DelaySeconds:0.0} s")]
    private static partial void LogAttemptFailed(ILogger logger, string fileName, string connector, int attempt, string error, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "no connector available for {FileName}; it waits on disk until the registry lists one")]
    private static partial void LogNoConnector(ILogger logger, string fileName);

    [LoggerMessage(Level = LogLevel.Error, Message = "claimed file {FileName} is no longer at {Path}; someone else removed it")]
    private static partial void LogFileMissing(ILogger logger, string fileName, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "attempt for {FileName} crashed; it stays on disk and is retried")]
    private static partial void LogAttemptCrashed(ILogger logger, Exception exception, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "lease {LeaseId} could not be returned to the pool")]
    private static partial void LogLeaseNotReturned(ILogger logger, Exception exception, long leaseId);
}
