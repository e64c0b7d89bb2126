using CollectorLb.Abstractions.Files;

namespace CollectorLb.Grains.Files;

/// <summary>The persisted state of a FileGrain. Its status changes only through <see cref="Apply"/>.</summary>
[GenerateSerializer, Alias("collectorlb.file-state")]
public sealed class FileState
{
    [Id(0)] public FileStatus Status { get; set; }
    [Id(1)] public long SizeBytes { get; set; }

    /// <summary>Uploads started, whatever became of them.</summary>
    [Id(2)] public int Attempts { get; set; }
    [Id(3)] public string? Connector { get; set; }
    [Id(4)] public string? LastError { get; set; }
    [Id(5)] public FileTimeline Timeline { get; set; } = new();
    [Id(6)] public List<string> ConnectorsTried { get; set; } = [];

    /// <summary>A durable reminder is registered for this file (it failed, or an upload ran long).</summary>
    [Id(7)] public bool HasReminder { get; set; }

    /// <summary>
    /// An earlier upload's outcome is unknown (its whole body went out and no answer came, or the silo stopped during
    /// it): the connector may have the file already, so its next delivery is a possible duplicate.
    /// </summary>
    [Id(8)] public bool OutcomeLost { get; set; }

    /// <summary>Failed attempts blamed on the file itself; <c>Delivery:MaxAttempts</c> of them quarantine it.</summary>
    [Id(9)] public int FileFailures { get; set; }

    /// <summary>
    /// A move between the spool and the quarantine folder is under way (the record is written before the file moves
    /// and removed after it moved back): whoever finds this set finishes or undoes it.
    /// </summary>
    [Id(10)] public QuarantineMove PendingMove { get; set; }

    /// <summary>Counts writes, so a write whose answer was lost can be told from one that did not happen.</summary>
    [Id(11)] public long Revision { get; set; }

    /// <summary>Moves the file to its next state and stamps the time of the transition.</summary>
    internal void Apply(FileEvent fileEvent, DateTimeOffset at)
    {
        Status = FileLifecycle.Next(Status, fileEvent);
        Timeline = fileEvent switch
        {
            FileEvent.Detected => Timeline with { DetectedAt = at },
            FileEvent.AttemptStarted => Timeline with { FirstAttemptAt = Timeline.FirstAttemptAt ?? at, LastAttemptAt = at },
            FileEvent.Sent => Timeline with { SentAt = at },
            FileEvent.Deleted => Timeline with { DeletedAt = at },
            FileEvent.Quarantined => Timeline with { QuarantinedAt = at },
            _ => Timeline,
        };
    }
}
