using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Interop;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Configuration;
using CollectorLb.Silo.Interop;

namespace CollectorLb.Silo.Watching;

/// <summary>
/// Finds completed flow files, claims each into the spool and hands it to its FileGrain. A rename into the
/// directory (inotify's IN_MOVED_TO, from this directory or another) is the completion signal and is claimed at
/// once; a file written in place counts once its size settles. The listing is the truth: inotify overflows under
/// load, so a start-up scan and a periodic rescan find whatever events missed. Each entry is handled on its own:
/// one that cannot be claimed is reported once (<see cref="UnclaimableEntries"/>) and the listing goes on.
/// </summary>
internal sealed partial class DirectoryWatcher(
    FileSpool spool,
    UnclaimableEntries unclaimable,
    IGrainFactory grainFactory,
    IOptions<WatcherOptions> options,
    TimeProvider timeProvider,
    ILogger<DirectoryWatcher> logger) : BackgroundService
{
    private const int MaxRememberedIgnoredNames = 10_000;
    private const string NotUtf8Reason = "its name is not valid UTF-8, so it cannot be sent under its own name; rename it to claim it";

    private const InotifyEvents WatchedEvents = InotifyEvents.MovedInto | InotifyEvents.Created | InotifyEvents.ClosedAfterWrite
        | InotifyEvents.DirectoryDeleted | InotifyEvents.DirectoryMoved;

    private readonly WatcherOptions _options = options.Value;
    private readonly Channel<WatchSignal> _signals = Channel.CreateUnbounded<WatchSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _ignoredLogged = new(StringComparer.Ordinal);
    private readonly StabilityTracker _stability = new(options.Value.StableTime, timeProvider);

    /// <summary>Claimed files whose grain has not yet accepted them (it will be asked again at the next rescan).</summary>
    private readonly ConcurrentDictionary<FileKey, long> _unreported = new();

    // Never disposed: reports still running at shutdown release it afterwards, and it holds no OS handle.
    private readonly SemaphoreSlim _reportSlots = new(options.Value.MaxConcurrentReports);
    private static readonly TimeSpan ReportRetryDelay = TimeSpan.FromSeconds(1);
    private int _retryScheduled;
    private long _completedScans;
    private volatile bool _heldBack;
    private Queue<string> _backlog = new();
    private InotifyWatch? _inotify;
    private bool _inotifyMissing;

    /// <summary>The claims recovered at start, until the first rescan reports them instead of listing the spool again.</summary>
    private IReadOnlyList<FileKey>? _recoveredClaims;

    /// <summary>Full listings of the directory done so far.</summary>
    public long CompletedScans => Interlocked.Read(ref _completedScans);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        spool.EnsureDirectories();

        // The first rescan reports the recovered claims, as it reports every claimed file.
        _recoveredClaims = spool.RecoverClaims();
        spool.ClaimReleased += OnClaimReleased;

        LogWatching(logger, spool.FlowDirectory, _recoveredClaims.Count);
        StartEvents();
        using var rescans = StartTicker(_options.RescanPeriod, WatchSignalKind.Rescan);
        using var rechecks = StartTicker(_options.StableTime / 2, WatchSignalKind.RecheckPending);
        _signals.Writer.TryWrite(new WatchSignal(WatchSignalKind.Rescan));

        try
        {
            await foreach (var signal in _signals.Reader.ReadAllAsync(stoppingToken))
            {
                await HandleAsync(signal, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            spool.ClaimReleased -= OnClaimReleased;
            _inotify?.Dispose();
        }
    }

    private async Task HandleAsync(WatchSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            switch (signal.Kind)
            {
                case WatchSignalKind.RenamedInto:
                case WatchSignalKind.Changed:
                    await ConsiderAsync(signal.Path!, signal.Kind == WatchSignalKind.RenamedInto, cancellationToken);
                    break;
                case WatchSignalKind.UndecodableName when FlowFileNames.IsCandidate(signal.Path!):
                    ReportUnclaimable(signal.Path!, NotUtf8Reason);
                    break;
                case WatchSignalKind.ClaimBacklog when _backlog.Count > 0:
                    await ClaimBacklogAsync(cancellationToken);
                    break;
                case WatchSignalKind.ClaimBacklog:
                    // The last listing is used up: list again for what arrived since. Claimed files wait for the rescan.
                    await ListAndClaimAsync(cancellationToken);
                    break;
                case WatchSignalKind.RetryUnreported:
                    Interlocked.Exchange(ref _retryScheduled, 0);
                    await RetryUnreportedAsync(cancellationToken);
                    break;
                case WatchSignalKind.RecheckPending:
                    foreach (var path in _stability.PendingPaths.ToList())
                    {
                        await ConsiderAsync(path, renamedInto: false, cancellationToken);
                    }

                    break;
                case WatchSignalKind.EventsLost:
                    LogEventsLost(logger);
                    await ListAndClaimAsync(cancellationToken);
                    break;
                case WatchSignalKind.WatchEnded:
                case WatchSignalKind.Rescan:
                    if (signal.Kind == WatchSignalKind.WatchEnded || _inotify is null)
                    {
                        // The directory was removed or moved away (or inotify could not be had): watch it again.
                        _inotify?.Dispose();
                        _inotify = null;
                        spool.EnsureDirectories();
                        StartEvents();
                    }

                    // The first rescan takes the listing of the spool made at start rather than listing it again.
                    var claimed = _recoveredClaims ?? spool.EnumerateClaimed();
                    _recoveredClaims = null;
                    RememberClaimedFiles(claimed);
                    await RetryUnreportedAsync(cancellationToken);
                    await ListAndClaimAsync(cancellationToken);
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDirectoryError(logger, ex, spool.FlowDirectory);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The watcher must outlive anything unexpected: what it missed, the next rescan finds.
            LogSignalFailed(logger, ex, signal.Kind, signal.Path ?? "(directory)");
        }
    }

    /// <summary>
    /// Claims one entry if it is a complete flow file. Whatever goes wrong with this entry (it cannot be looked at
    /// or moved) is this entry's alone: it is reported once and left where it is, and the caller goes on.
    /// </summary>
    private async Task ConsiderAsync(string path, bool renamedInto, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (!FlowFileNames.IsCandidate(name))
        {
            return;
        }

        UnixFileInfo info;
        try
        {
            info = UnixFileInfo.Read(path);
        }
        catch (IOException ex)
        {
            ReportUnclaimable(name, $"cannot look at it: {ex.Message}");
            return;
        }

        switch (info.Kind)
        {
            case UnixFileKind.Missing:
                _stability.Forget(path);
                unclaimable.Remove(name);
                return;
            case UnixFileKind.Regular:
                break;
            case UnixFileKind.Directory:
                unclaimable.Remove(name);
                return; // the quarantine folder, or someone's sub-folder: never a flow file, nothing to report
            default:
                unclaimable.Remove(name);
                LogIgnoredOnce(name, info.Kind);
                return;
        }

        if (!renamedInto && !_stability.IsStable(path, info))
        {
            return;
        }

        if (RoomToClaim <= 0)
        {
            _heldBack = true; // claimed again when a claimed file leaves the spool
            return;
        }

        _stability.Forget(path);
        var claimedAt = timeProvider.GetUtcNow();
        FileKey? key;
        try
        {
            key = spool.TryClaim(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A plain rename failed: the file is still where it was, and only a claimed file is ever sent.
            ReportUnclaimable(name, $"cannot move it into the spool: {ex.Message}");
            return;
        }

        if (unclaimable.Remove(name))
        {
            LogClaimedAfterAll(logger, name);
        }

        if (key is not null)
        {
            await ReportAsync(key, info.Size, cancellationToken, claimedAt);
        }
    }

    private void ReportUnclaimable(string name, string reason)
    {
        if (unclaimable.Add(name, reason))
        {
            LogUnclaimable(logger, name, reason);
        }
    }

    /// <summary>
    /// Reports every claimed file again at each rescan (Detect is idempotent). The runtime may deactivate a
    /// FileGrain before its file is done, e.g. when another silo that held its directory entry dies; nothing
    /// else would activate it again before this silo restarts.
    /// </summary>
    private void RememberClaimedFiles(IEnumerable<FileKey> claimed)
    {
        try
        {
            foreach (var key in claimed)
            {
                if (!_unreported.ContainsKey(key) && UnixFileInfo.Read(spool.PathOf(key)) is { Kind: UnixFileKind.Regular } file)
                {
                    _unreported.TryAdd(key, file.Size);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The spool could not be listed (or a file looked at) this time; the next rescan sees the spool again.
        }
    }

    private async Task RetryUnreportedAsync(CancellationToken cancellationToken)
    {
        // ConcurrentDictionary.ToArray is a snapshot; LINQ's ToList can see a shrinking count and yield default (null) keys.
        foreach (var (key, size) in _unreported.ToArray())
        {
            await ReportAsync(key, size, cancellationToken);
        }
    }

    /// <summary>
    /// Reports a claimed file without waiting for the grain, a bounded number at a time. A file claimed just now starts
    /// its trace here (<paramref name="claimedAt"/>): the Detect call carries it to the file's grain.
    /// </summary>
    private async Task ReportAsync(FileKey key, long size, CancellationToken cancellationToken, DateTimeOffset? claimedAt = null)
    {
        _unreported[key] = size;
        await _reportSlots.WaitAsync(cancellationToken);
        _ = Task.Run(async () =>
        {
            using var claim = claimedAt is { } at ? FileTracing.Source.StartActivity(FileTracing.ClaimSpan, ActivityKind.Internal, default(ActivityContext), startTime: at) : null;
            claim?.SetTag("collectorlb.file.key", key.ToString());
            try
            {
                await grainFactory.GetGrain<IFileGrain>(key.ToString()).Detect(new DetectedFile(size, timeProvider.GetUtcNow()));
                _unreported.TryRemove(key, out _);
            }
            catch (Exception ex)
            {
                LogReportFailed(logger, ex, key.FileName);
                ScheduleRetryOfUnreported();
            }
            finally
            {
                _reportSlots.Release();
            }
        }, CancellationToken.None);
    }

    private int RoomToClaim => _options.MaxClaimedFiles - spool.ClaimedCount;

    /// <summary>
    /// Lists the whole directory (names as bytes: one that is not UTF-8 is reported, not lost) and claims from it,
    /// oldest first when the spool has no room for all.
    /// </summary>
    private async Task ListAndClaimAsync(CancellationToken cancellationToken)
    {
        var entries = UnixDirectory.List(spool.FlowDirectory);
        var listed = new HashSet<string>(entries.Count, StringComparer.Ordinal);
        var candidates = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            listed.Add(entry.Name);
            if (!FlowFileNames.IsCandidate(entry.Name) || entry.Kind == UnixFileKind.Directory)
            {
                continue;
            }

            if (entry.NameIsUtf8)
            {
                candidates.Add(Path.Combine(spool.FlowDirectory, entry.Name));
            }
            else
            {
                ReportUnclaimable(entry.Name, NotUtf8Reason);
            }
        }

        unclaimable.KeepOnly(listed);
        if (candidates.Count > RoomToClaim)
        {
            candidates.Sort(StringComparer.Ordinal); // nfcapd names sort by time: oldest first
        }

        _backlog = new Queue<string>(candidates);
        await ClaimBacklogAsync(cancellationToken);
        Interlocked.Increment(ref _completedScans);
    }

    /// <summary>Works through the last listing until the spool is full; the rest waits for room (or the next rescan).</summary>
    private async Task ClaimBacklogAsync(CancellationToken cancellationToken)
    {
        while (_backlog.Count > 0)
        {
            if (RoomToClaim <= 0)
            {
                _heldBack = true;
                return;
            }

            await ConsiderAsync(_backlog.Dequeue(), renamedInto: false, cancellationToken);
        }
    }

    /// <summary>Resumes claiming in batches (a quarter of the spool at a time), not one file per release.</summary>
    private void OnClaimReleased()
    {
        if (_heldBack && RoomToClaim >= Math.Max(1, _options.MaxClaimedFiles / 4))
        {
            _heldBack = false;
            _signals.Writer.TryWrite(new WatchSignal(WatchSignalKind.ClaimBacklog));
        }
    }

    /// <summary>Watches the directory with inotify; without it (no inotify instance left, say) the rescans alone find files.</summary>
    private void StartEvents()
    {
        try
        {
            _inotify = InotifyWatch.Start(spool.FlowDirectory, WatchedEvents, OnEvent, OnEventsFailed);
            _inotifyMissing = false;
        }
        catch (IOException ex)
        {
            if (!_inotifyMissing)
            {
                _inotifyMissing = true; // tried again at each rescan, told once
                LogNoEvents(logger, ex, _options.RescanSeconds);
            }
        }
    }

    /// <summary>On inotify's reader thread: only turns the event into a signal.</summary>
    private void OnEvent(InotifyEvent e)
    {
        if (e.Has(InotifyEvents.QueueOverflow))
        {
            _signals.Writer.TryWrite(new WatchSignal(WatchSignalKind.EventsLost));
        }
        else if (e.Has(InotifyEvents.WatchRemoved | InotifyEvents.DirectoryDeleted | InotifyEvents.DirectoryMoved | InotifyEvents.Unmounted))
        {
            _signals.Writer.TryWrite(new WatchSignal(WatchSignalKind.WatchEnded));
        }
        else if (e.Name is { } name && !e.Has(InotifyEvents.IsDirectory))
        {
            _signals.Writer.TryWrite(!e.NameIsUtf8
                ? new WatchSignal(WatchSignalKind.UndecodableName, name)
                : new WatchSignal(
                    e.Has(InotifyEvents.MovedInto) ? WatchSignalKind.RenamedInto : WatchSignalKind.Changed,
                    Path.Combine(spool.FlowDirectory, name)));
        }
    }

    private void OnEventsFailed(Exception exception)
    {
        LogEventsFailed(logger, exception);
        _signals.Writer.TryWrite(new WatchSignal(WatchSignalKind.WatchEnded));
    }

    /// <summary>
    /// A report failed (the grain's directory entry was on a silo being lost, say): try the unreported again in a
    /// second rather than at the next rescan. One retry pending at a time, however many reports failed.
    /// </summary>
    private void ScheduleRetryOfUnreported()
    {
        if (Interlocked.Exchange(ref _retryScheduled, 1) == 0)
        {
            _ = Task.Delay(ReportRetryDelay, timeProvider).ContinueWith(
                _ => _signals.Writer.TryWrite(new WatchSignal(WatchSignalKind.RetryUnreported)), TaskScheduler.Default);
        }
    }

    private ITimer StartTicker(TimeSpan period, WatchSignalKind kind) =>
        timeProvider.CreateTimer(_ => _signals.Writer.TryWrite(new WatchSignal(kind)), null, period, period);

    private void LogIgnoredOnce(string name, UnixFileKind kind)
    {
        if (_ignoredLogged.Count < MaxRememberedIgnoredNames && _ignoredLogged.Add(name))
        {
            LogIgnored(logger, name, kind);
        }
    }

    [LoggerMessage(LogLevel.Information, "watching {Directory} ({Claimed} claimed files left from before)")] private static partial void LogWatching(ILogger logger, string directory, int claimed);
    [LoggerMessage(LogLevel.Warning, "ignoring {Name}: a {Kind}, not a regular file")] private static partial void LogIgnored(ILogger logger, string name, UnixFileKind kind);
    [LoggerMessage(LogLevel.Warning, "cannot claim {Name}: {Reason}; it stays where it is and is not sent (collectorlb_unclaimable_files, /readyz)")] private static partial void LogUnclaimable(ILogger logger, string name, string reason);
    [LoggerMessage(LogLevel.Information, "claimed {Name}, which could not be claimed before")] private static partial void LogClaimedAfterAll(ILogger logger, string name);
    [LoggerMessage(LogLevel.Error, "handling {Kind} of {Path} failed; the next rescan tries again")] private static partial void LogSignalFailed(ILogger logger, Exception exception, WatchSignalKind kind, string path);
    [LoggerMessage(LogLevel.Error, "could not read the flow directory {Directory}")] private static partial void LogDirectoryError(ILogger logger, Exception exception, string directory);
    [LoggerMessage(LogLevel.Warning, "file events were lost (inotify queue overflow); rescanning the directory")] private static partial void LogEventsLost(ILogger logger);
    [LoggerMessage(LogLevel.Warning, "no file events for the flow directory; files are found by the rescan every {RescanSeconds} s")] private static partial void LogNoEvents(ILogger logger, Exception exception, double rescanSeconds);
    [LoggerMessage(LogLevel.Error, "reading file events failed; watching the directory again at the next rescan")] private static partial void LogEventsFailed(ILogger logger, Exception exception);
    [LoggerMessage(LogLevel.Warning, "claimed {FileName} but its grain did not take it; asking again in a second")] private static partial void LogReportFailed(ILogger logger, Exception exception, string fileName);
}
