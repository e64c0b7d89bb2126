using CollectorLb.Grains.Files;

namespace CollectorLb.Grains.Observability;

/// <summary>
/// The log of a file's life: one line per delivered file at Information, its detection and deletion at Debug, its
/// failures and its quarantine. Logged under the FileGrain's category, which operators turn up to see every step.
/// </summary>
internal sealed partial class FileLog(ILogger<FileGrain> logger) : IFileTransitionObserver
{
    public void OnTransition(FileTransition transition)
    {
        var file = transition.File;
        switch (transition.Event)
        {
            case FileEvent.Detected when transition.IsFirstDetection:
                LogDetected(logger, file.FileName, file.SizeBytes);
                break;
            case FileEvent.Sent:
                if (transition.PossibleDuplicate)
                {
                    LogPossibleDuplicate(logger, file.FileName, transition.Connector ?? "?");
                }

                LogSent(logger, file.FileName, transition.Connector ?? "?", (long)(transition.Upload?.Duration.TotalMilliseconds ?? 0), file.Attempts);
                break;
            case FileEvent.AttemptFailed when transition.Upload is { } upload && transition.RetryIn is { } retryIn:
                LogAttemptFailed(logger, file.FileName, transition.Connector ?? "(none)", file.Attempts, upload.Error ?? "unknown",
                    transition.CountsAgainstFile ? "counts against the file" : "downstream, not counted", retryIn.TotalSeconds);
                break;
            case FileEvent.Deleted:
                LogDeleted(logger, file.FileName);
                break;
            case FileEvent.Quarantined:
                LogQuarantined(logger, file.FileName, file.LastError ?? "unknown", transition.QuarantinePath ?? "(nothing left to move)");
                break;
            case FileEvent.Requeued:
                LogRequeued(logger, file.FileName);
                break;
        }
    }

    [LoggerMessage(LogLevel.Debug, "detected {FileName} ({Bytes} bytes)")] private static partial void LogDetected(ILogger logger, string fileName, long bytes);
    [LoggerMessage(LogLevel.Information, "sent     {FileName} to {Connector} in {Milliseconds} ms (attempt {Attempt})")] private static partial void LogSent(ILogger logger, string fileName, string connector, long milliseconds, int attempt);
    [LoggerMessage(LogLevel.Debug, "deleted  {FileName}")] private static partial void LogDeleted(ILogger logger, string fileName);
    [LoggerMessage(LogLevel.Warning, "upload of {FileName} to {Connector} failed (attempt {Attempt}): {Error}; {Blame}; retrying in {DelaySeconds:0.0} s")] private static partial void LogAttemptFailed(ILogger logger, string fileName, string connector, int attempt, string error, string blame, double delaySeconds);
    [LoggerMessage(LogLevel.Error, "quarantined {FileName}: {Reason} -> {Path}")] private static partial void LogQuarantined(ILogger logger, string fileName, string reason, string path);
    [LoggerMessage(LogLevel.Information, "requeued {FileName} from quarantine")] private static partial void LogRequeued(ILogger logger, string fileName);
    [LoggerMessage(LogLevel.Warning, "duplicate possible: {FileName} was sent again to {Connector} after an upload whose outcome is unknown")] private static partial void LogPossibleDuplicate(ILogger logger, string fileName, string connector);
}
