using System.Collections.Frozen;
using CollectorLb.Abstractions.Files;

namespace CollectorLb.Grains.Files;

/// <summary>
/// The one state machine of a flow file:
/// <c>Detected -> Dispatching -> Sent -> Deleted</c>, a failed attempt back to <c>Detected</c>,
/// and <c>Quarantined</c> (left only by an operator's requeue).
/// </summary>
internal static class FileLifecycle
{
    private static readonly FrozenDictionary<(FileStatus From, FileEvent Event), FileStatus> Transitions =
        new Dictionary<(FileStatus, FileEvent), FileStatus>
        {
            [(FileStatus.Unknown, FileEvent.Detected)] = FileStatus.Detected,
            [(FileStatus.Detected, FileEvent.AttemptStarted)] = FileStatus.Dispatching,
            [(FileStatus.Dispatching, FileEvent.Sent)] = FileStatus.Sent,
            [(FileStatus.Dispatching, FileEvent.AttemptFailed)] = FileStatus.Detected,
            [(FileStatus.Detected, FileEvent.AttemptFailed)] = FileStatus.Detected, // the file could not be read: no upload began
            [(FileStatus.Sent, FileEvent.Deleted)] = FileStatus.Deleted,
            [(FileStatus.Detected, FileEvent.Quarantined)] = FileStatus.Quarantined,
            [(FileStatus.Dispatching, FileEvent.Quarantined)] = FileStatus.Quarantined,
            [(FileStatus.Quarantined, FileEvent.Requeued)] = FileStatus.Detected,
            [(FileStatus.Unknown, FileEvent.Requeued)] = FileStatus.Detected, // quarantined before its record was lost
        }.ToFrozenDictionary();

    public static bool CanApply(FileStatus from, FileEvent fileEvent) => Transitions.ContainsKey((from, fileEvent));

    public static FileStatus Next(FileStatus from, FileEvent fileEvent) =>
        Transitions.TryGetValue((from, fileEvent), out var to)
            ? to
            : throw new InvalidOperationException($"A file in state {from} cannot take the event {fileEvent}.");

    /// <summary>True for the states a file never leaves on its own.</summary>
    public static bool IsFinal(FileStatus status) => status is FileStatus.Deleted or FileStatus.Quarantined;
}
