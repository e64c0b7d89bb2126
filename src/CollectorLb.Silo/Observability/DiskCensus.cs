using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Watching;

namespace CollectorLb.Silo.Observability;

/// <summary>
/// Counts this host's undelivered and quarantined files on disk. Listing directories is the truth but not
/// free, so a count is reused for <see cref="MaxAge"/> (dashboards and scrapes may ask often).
/// </summary>
internal sealed class DiskCensus(FileSpool spool, QuarantineStore quarantine, TimeProvider timeProvider)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private (DateTimeOffset At, long Backlog, long Quarantined)? _last;

    /// <summary>Completed flow files waiting in the directory plus files claimed into the spool and not yet delivered.</summary>
    public long Backlog => Take().Backlog;

    /// <summary>Files in the quarantine folder (one JSON sidecar each).</summary>
    public long Quarantined => Take().Quarantined;

    private (DateTimeOffset At, long Backlog, long Quarantined) Take()
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_last is { } last && now - last.At < MaxAge)
            {
                return last;
            }

            _last = (now, CountBacklog(), CountQuarantined());
            return _last.Value;
        }
    }

    private long CountBacklog()
    {
        try
        {
            var waiting = Directory.Exists(spool.FlowDirectory)
                ? Directory.EnumerateFiles(spool.FlowDirectory).Count(path => FlowFileNames.IsCandidate(Path.GetFileName(path)))
                : 0;
            return waiting + spool.ClaimedCount;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0; // readiness reports an unreadable directory; a count is no place for it
        }
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
}
