using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Spool;

namespace CollectorLb.Grains.Files;

/// <summary>
/// Moves one file between the spool and the quarantine folder so that a crash at any point leaves a move the next
/// activation finishes: to quarantine, the pending move and a reminder are written first, then the record, then the
/// file; back, the requeue is decided in the state first (with a reminder), then the file moves, then the record goes.
/// </summary>
internal sealed class QuarantineMoves(FileLife life, StuckFileReminder reminder, FileSpool spool, TimeProvider time, int maxAttempts, Action deactivate)
{
    private QuarantineStore Quarantine => spool.Quarantine;

    private FileState State => life.State;

    /// <summary>Moves the file to quarantine with its record, the record first.</summary>
    public async Task QuarantineAsync(QuarantineCause cause, string reason)
    {
        await reminder.RegisterAsync(persist: false);
        await life.Record.WriteAsync(state => state.PendingMove = QuarantineMove.ToQuarantine);
        var record = Quarantine.Add(life.Key, spool.PathOf(life.Key), QuarantineRecord.Of(life.Key, State, reason, time.GetUtcNow()));
        await RecordQuarantinedAsync(reason, cause, record.Path);
    }

    /// <summary>Puts a quarantined file back in the spool, with fresh attempts; what an operator's requeue does.</summary>
    public async Task<RequeueOutcome> RequeueAsync()
    {
        var requeuing = State.PendingMove == QuarantineMove.BackToSpool; // asked again after a requeue cut short
        await FinishPendingAsync();
        if (requeuing)
        {
            return RequeueOutcome.Requeued;
        }

        if (State.Status != Abstractions.Files.FileStatus.Quarantined && !(State.Status == Abstractions.Files.FileStatus.Unknown && Quarantine.Find(life.Key) is not null))
        {
            return RequeueOutcome.NotQuarantined;
        }

        if (Quarantine.Find(life.Key) is not { } record || !Quarantine.Holds(life.Key))
        {
            return RequeueOutcome.FileMissing;
        }

        await reminder.RegisterAsync(persist: false);
        life.Trace.Begin(life.Key, record.SizeBytes);
        await life.TransitionAsync(FileEvent.Requeued, time.GetUtcNow(), state =>
        {
            (state.Attempts, state.FileFailures, state.LastError, state.SizeBytes) = (0, 0, null, record.SizeBytes);
            state.ConnectorsTried.Clear();
            state.PendingMove = QuarantineMove.BackToSpool;
        });
        await FinishPendingAsync();
        return RequeueOutcome.Requeued;
    }

    /// <summary>Finishes a move that a crash (or a failed write) cut short; nothing when none is pending.</summary>
    public async Task FinishPendingAsync()
    {
        switch (State.PendingMove)
        {
            case QuarantineMove.BackToSpool:
                if (!Quarantine.Holds(life.Key) || !Quarantine.Release(life.Key, from => spool.Restore(life.Key, from)))
                {
                    Quarantine.Forget(life.Key); // the file is back already; only its record was left
                }

                await life.Record.WriteAsync(state => state.PendingMove = QuarantineMove.None);
                break;
            case QuarantineMove.ToQuarantine when Quarantine.Find(life.Key) is { Path: { } path } record && File.Exists(path):
                await RecordQuarantinedAsync(record.Reason, State.FileFailures >= maxAttempts ? QuarantineCause.MaxAttempts : QuarantineCause.Invalid, path);
                break;
            case QuarantineMove.ToQuarantine:
                // The file never left the spool: forget the half-written record; the next attempt decides again.
                Quarantine.Forget(life.Key);
                await life.Record.WriteAsync(state => state.PendingMove = QuarantineMove.None);
                break;
        }
    }

    /// <summary>The file and its record are in the quarantine folder: the claim ends and the state says so.</summary>
    private async Task RecordQuarantinedAsync(string reason, QuarantineCause cause, string? path)
    {
        spool.RemoveClaim(life.Key);
        await life.TransitionAsync(
            FileEvent.Quarantined,
            time.GetUtcNow(),
            state => (state.LastError, state.PendingMove) = (reason, QuarantineMove.None),
            transition => transition with { QuarantineCause = cause, QuarantinePath = path });
        life.Trace.End("quarantined", failed: true);
        await reminder.UnregisterAsync();
        deactivate();
    }
}
