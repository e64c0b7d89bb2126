using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Watching;

namespace CollectorLb.Silo.Observability;

/// <summary>
/// Counts this host's undelivered and quarantined files on disk and finds the oldest undelivered one. Listing
/// directories is the truth but not free, so one pass is reused for <see cref="MaxAge"/> (dashboards and scrapes may
/// ask often), and a file's write time is read once, when a listing first shows it.
/// </summary>
internal sealed class DiskCensus(FileSpool spool, QuarantineStore quarantine, TimeProvider timeProvider)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly WriteTimes _writeTimes = new();
    private Pass? _last;

    /// <summary>Completed flow files waiting in the directory plus files claimed into the spool and not yet delivered.</summary>
    public long Backlog => Take().Backlog;

    /// <summary>Files in the quarantine folder (one JSON sidecar each).</summary>
    public long Quarantined => Take().Quarantined;

    /// <summary>
    /// How long ago the oldest undelivered flow file (waiting in the directory or claimed) was written; zero when there
    /// is none.
    /// </summary>
    public TimeSpan OldestWaitingAge
    {
        get
        {
            var oldest = Take().OldestWrittenAt;
            var age = oldest is { } written ? timeProvider.GetUtcNow() - written : TimeSpan.Zero;
            return age > TimeSpan.Zero ? age : TimeSpan.Zero;
        }
    }

    private Pass Take()
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_last is { } last && now - last.At < MaxAge)
            {
                return last;
            }

            var waiting = ListWaiting();
            _last = new Pass(now, waiting.Count + spool.ClaimedCount, CountQuarantined(), _writeTimes.Oldest(waiting.Concat(ListClaimed())));
            return _last;
        }
    }

    private List<string> ListWaiting()
    {
        try
        {
            return Directory.Exists(spool.FlowDirectory)
                ? Directory.EnumerateFiles(spool.FlowDirectory).Where(path => FlowFileNames.IsCandidate(Path.GetFileName(path))).ToList()
                : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return []; // readiness reports an unreadable directory; a count is no place for it
        }
    }

    /// <summary>The files in the spool's claim folders (a few folders of up to <see cref="FileSpool.ClaimsPerFolder"/> files).</summary>
    private List<string> ListClaimed()
    {
        var claimed = new List<string>();
        try
        {
            if (!Directory.Exists(spool.InflightDirectory))
            {
                return claimed;
            }

            foreach (var folder in Directory.EnumerateDirectories(spool.InflightDirectory))
            {
                try
                {
                    claimed.AddRange(Directory.EnumerateFiles(folder).Where(path => !Path.GetFileName(path).StartsWith('.'))); // not attempt markers
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // a claim folder emptied and removed while listed: the others still count
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the spool unreadable: readiness says so
        }

        return claimed;
    }

    private long CountQuarantined()
    {
        try
        {
            return quarantine.Count();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private sealed record Pass(DateTimeOffset At, long Backlog, long Quarantined, DateTimeOffset? OldestWrittenAt);
}
