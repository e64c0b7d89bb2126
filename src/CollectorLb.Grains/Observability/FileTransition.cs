using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Files;

namespace CollectorLb.Grains.Observability;

/// <summary>One change in a file's life: what happened, the file as it is now and the state it left, and what the change carried.</summary>
public sealed record FileTransition(FileEvent Event, FileSnapshot File, FileStatus Previous)
{
    /// <summary>The connector of the attempt that ended (<see cref="FileEvent.AttemptFailed"/>, <see cref="FileEvent.Sent"/>); null before any connector was asked.</summary>
    public string? Connector { get; init; }

    /// <summary>How the attempt ended, for the same events; null for an attempt cut short by a restart.</summary>
    public UploadResult? Upload { get; init; }

    /// <summary>The failure counts toward <c>Delivery:MaxAttempts</c> (the file's own, not the downstream's).</summary>
    public bool CountsAgainstFile { get; init; }

    /// <summary>When the next attempt comes after a failure; null when none is planned.</summary>
    public TimeSpan? RetryIn { get; init; }

    /// <summary>An acknowledgement after an earlier upload whose outcome is unknown: the connector may have the file twice.</summary>
    public bool PossibleDuplicate { get; init; }

    /// <summary>Why a file was quarantined, and where it went (null when nothing was left to move).</summary>
    public QuarantineCause? QuarantineCause { get; init; }

    public string? QuarantinePath { get; init; }

    /// <summary>The file was detected for the first time (not put back by a requeue).</summary>
    public bool IsFirstDetection => Event == FileEvent.Detected && Previous == FileStatus.Unknown;

    /// <summary>From detection to this transition; null when the detection time is unknown.</summary>
    public TimeSpan? SinceDetection(DateTimeOffset now) => now - File.Timeline.DetectedAt;
}
