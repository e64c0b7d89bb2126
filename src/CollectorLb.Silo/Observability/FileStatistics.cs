using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Hosts;
using CollectorLb.Grains.Observability;

namespace CollectorLb.Silo.Observability;

/// <summary>
/// Told of every file transition on this silo: keeps how many files are in each state and the recent files
/// with their timelines. In memory, per silo; the cluster view merges silos when it is read.
/// </summary>
internal sealed class FileStatistics : IFileTransitionObserver
{
    private readonly long[] _byStatus = new long[Enum.GetValues<FileStatus>().Length];

    public RecentFiles Recent { get; } = new();

    public void OnTransition(FileSnapshot snapshot, FileStatus previous)
    {
        if (previous != FileStatus.Unknown)
        {
            Interlocked.Decrement(ref _byStatus[(int)previous]);
        }

        Interlocked.Increment(ref _byStatus[(int)snapshot.Status]);
        Recent.Record(snapshot);
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

    /// <summary>A file that was mid-way before a restart leaves its old state uncounted here: never show less than none.</summary>
    private long Read(FileStatus status) => Math.Max(0, Interlocked.Read(ref _byStatus[(int)status]));
}
