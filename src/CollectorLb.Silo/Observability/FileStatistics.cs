using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Files;
using CollectorLb.Grains.Observability;

namespace CollectorLb.Silo.Observability;

/// <summary>
/// Told of every file transition on this silo: keeps how many files are in each state, the totals since the silo
/// started (the counts <c>/metrics</c> exports), the last hour's window and the recent files with their timelines.
/// In memory, per silo; the cluster view merges silos when it is read.
/// </summary>
internal sealed class FileStatistics(StatisticsWindow window, TimeProvider timeProvider) : IFileTransitionObserver
{
    private readonly long[] _byStatus = new long[Enum.GetValues<FileStatus>().Length];
    private long _detected, _delivered, _deleted, _failures, _quarantined, _requeued, _duplicates, _bytes;

    public RecentFiles Recent { get; } = new();

    /// <summary>When the counts start: the silo's start.</summary>
    public DateTimeOffset Since { get; } = timeProvider.GetUtcNow();

    public void OnTransition(FileTransition transition)
    {
        var file = transition.File;
        if (transition.Previous != file.Status)
        {
            if (transition.Previous != FileStatus.Unknown)
            {
                Interlocked.Decrement(ref _byStatus[(int)transition.Previous]);
            }

            Interlocked.Increment(ref _byStatus[(int)file.Status]);
        }

        Recent.Record(file);
        switch (transition.Event)
        {
            case FileEvent.Detected when transition.IsFirstDetection:
                Interlocked.Increment(ref _detected);
                break;
            case FileEvent.Sent when transition.Upload is { } upload:
                Interlocked.Increment(ref _delivered);
                Interlocked.Add(ref _bytes, upload.BytesSent);
                window.Delivered(upload.BytesSent, upload.Duration, transition.SinceDetection(file.Timeline.SentAt ?? timeProvider.GetUtcNow()));
                if (transition.PossibleDuplicate)
                {
                    Interlocked.Increment(ref _duplicates);
                }

                break;
            case FileEvent.AttemptFailed when transition.Upload is { } upload:
                Interlocked.Increment(ref _failures);
                window.Failed(transition.Connector is null ? null : upload.Duration);
                break;
            case FileEvent.Deleted:
                Interlocked.Increment(ref _deleted);
                break;
            case FileEvent.Quarantined:
                Interlocked.Increment(ref _quarantined);
                break;
            case FileEvent.Requeued:
                Interlocked.Increment(ref _requeued);
                break;
        }
    }

    /// <summary>
    /// Files by state as this silo saw them change. Quarantined is left to the caller, who counts the folder:
    /// files quarantined before this silo started are there too.
    /// </summary>
    public FileStateCounts Counts() => new()
    {
        Detected = Read(FileStatus.Detected),
        Dispatching = Read(FileStatus.Dispatching),
        Sent = Read(FileStatus.Sent),
        Deleted = Read(FileStatus.Deleted),
    };

    /// <summary>The totals since the silo started; connector ejections are the pool's, counted by the caller.</summary>
    public DeliveryTotals Totals() => new()
    {
        FilesDetected = Interlocked.Read(ref _detected),
        FilesDelivered = Interlocked.Read(ref _delivered),
        FilesDeleted = Interlocked.Read(ref _deleted),
        UploadFailures = Interlocked.Read(ref _failures),
        FilesQuarantined = Interlocked.Read(ref _quarantined),
        FilesRequeued = Interlocked.Read(ref _requeued),
        Duplicates = Interlocked.Read(ref _duplicates),
        BytesDelivered = Interlocked.Read(ref _bytes),
    };

    /// <summary>A file that was mid-way before a restart leaves its old state uncounted here: never show less than none.</summary>
    private long Read(FileStatus status) => Math.Max(0, Interlocked.Read(ref _byStatus[(int)status]));
}
