using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Observability;

namespace CollectorLb.Grains.Files;

/// <summary>
/// One file's life as its grain lives it: the persisted record (written before it is believed), each transition told
/// to the observers once and marked on the file's trace, and the snapshot everyone reads.
/// </summary>
internal sealed partial class FileLife(FileKey key, FileRecord record, FileTransitions transitions, string activationSilo, ILogger logger)
{
    public FileKey Key { get; } = key;

    public FileRecord Record { get; } = record;

    public FileState State => Record.State;

    public FileTrace Trace { get; } = new();

    /// <summary>When the next attempt is due, as snapshots say; null when none is planned.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Writes the change with the file's next state, then tells the observers (<paramref name="describe"/> adds what it carried).</summary>
    public async Task TransitionAsync(FileEvent fileEvent, DateTimeOffset at, Action<FileState> change, Func<FileTransition, FileTransition>? describe = null)
    {
        var previous = State.Status;
        if (await Record.WriteAsync(state =>
            {
                change(state);
                state.Apply(fileEvent, at);
            }))
        {
            LogWriteAnswerLost(logger, Key.FileName);
        }

        Tell(fileEvent, previous, describe);
    }

    /// <summary>The acknowledged file is gone from disk: the last transition, not written (the record is cleared next).</summary>
    public void Deleted(DateTimeOffset at)
    {
        var previous = State.Status;
        State.Apply(FileEvent.Deleted, at);
        Tell(FileEvent.Deleted, previous, describe: null);
        Trace.End("deleted");
    }

    public FileSnapshot Snapshot() => new()
    {
        Key = Key.ToString(),
        FileName = Key.FileName,
        HostId = Key.HostId,
        Status = State.Status,
        SizeBytes = State.SizeBytes,
        Attempts = State.Attempts,
        Connector = State.Connector,
        LastError = State.LastError,
        Timeline = State.Timeline,
        NextAttemptAt = NextAttemptAt,
        ActivationSilo = activationSilo,
    };

    /// <summary>Header-safe (names may hold newlines), unique per claimed file and the same for every resend.</summary>
    public string FileId() =>
        $"{Uri.EscapeDataString(Key.HostId)}/{Key.ClaimId}/{Uri.EscapeDataString(Key.FileName)}/{State.SizeBytes}";

    private void Tell(FileEvent fileEvent, FileStatus previous, Func<FileTransition, FileTransition>? describe)
    {
        var transition = new FileTransition(fileEvent, Snapshot(), previous);
        transitions.Publish(describe?.Invoke(transition) ?? transition);
        Trace.Event(fileEvent);
    }

    [LoggerMessage(LogLevel.Warning, "state of {FileName} was written although storage reported a failure")] private static partial void LogWriteAnswerLost(ILogger logger, string fileName);
}
