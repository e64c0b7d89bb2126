using System.Diagnostics;
using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Files;

namespace CollectorLb.Grains.Observability;

/// <summary>
/// One file's life on this silo as a trace: a span from its detection (a child of the watcher's claim, carried by
/// the Detect call) to its deletion or quarantine, with an event per transition and a child span per upload attempt,
/// under which the HTTP client records the POST. Nothing is recorded when no one listens.
/// </summary>
internal sealed class FileTrace
{
    private Activity? _life;

    /// <summary>Starts the file's span under the current activity (the Detect call), if it has none yet; the caller's activity stays current.</summary>
    public void Begin(FileKey key, long sizeBytes)
    {
        if (_life is not null)
        {
            return;
        }

        var caller = Activity.Current;
        _life = FileTracing.Source.StartActivity(FileTracing.LifeSpan);
        Activity.Current = caller;
        _life?.SetTag("collectorlb.host", key.HostId).SetTag("collectorlb.file.name", key.FileName).SetTag("collectorlb.file.key", key.ToString()).SetTag("collectorlb.file.size", sizeBytes);
    }

    /// <summary>A span for one upload attempt, current for the upload so the HTTP client's span is its child.</summary>
    public Activity? StartAttempt(FileKey key, string connector, int attempt)
    {
        if (_life is null)
        {
            Begin(key, 0); // resumed after a restart or by a reminder: a trace of its own from here
        }

        return FileTracing.Source.StartActivity(FileTracing.AttemptSpan, ActivityKind.Internal, _life?.Context ?? default)
            ?.SetTag("collectorlb.connector", connector)
            .SetTag("collectorlb.attempt", attempt);
    }

    /// <summary>Marks the steps of a file's life on its span: detected, sent, deleted, quarantined, requeued.</summary>
    public void Event(FileEvent fileEvent)
    {
        if (_life is not null && fileEvent is FileEvent.Detected or FileEvent.Sent or FileEvent.Deleted or FileEvent.Quarantined or FileEvent.Requeued)
        {
            _life.AddEvent(new ActivityEvent(fileEvent.ToString().ToLowerInvariant()));
        }
    }

    /// <summary>Records how an attempt ended on its span.</summary>
    public static void Outcome(Activity? attempt, UploadResult result)
    {
        attempt?.SetTag("collectorlb.outcome", result.Outcome.ToString());
        if (!result.Acknowledged)
        {
            attempt?.SetStatus(ActivityStatusCode.Error, result.Error);
        }
    }

    /// <summary>Ends the file's span: it was deleted, quarantined, or this activation ends before it is done.</summary>
    public void End(string outcome, bool failed = false)
    {
        if (_life is null)
        {
            return;
        }

        _life.SetTag("collectorlb.file.outcome", outcome);
        if (failed)
        {
            _life.SetStatus(ActivityStatusCode.Error, outcome);
        }

        var current = Activity.Current;
        _life.Stop();
        Activity.Current = current; // Stop makes the span's parent current again; this turn goes on under its own
        _life = null;
    }
}
