namespace CollectorLb.Grains.Spool;

/// <summary>The points inside quarantine and requeue where a crash leaves a half-done move for the next start to repair.</summary>
public enum CrashPoint
{
    /// <summary>The quarantine record is written; the file is still in the spool.</summary>
    QuarantineRecordWritten,

    /// <summary>The file is in quarantine; the grain's state does not say so yet.</summary>
    QuarantineFileMoved,

    /// <summary>The requeue is written in the grain's state; the file is still in quarantine.</summary>
    RequeueDecided,

    /// <summary>The file is back in the spool; its quarantine record is still there.</summary>
    RequeueFileMovedBack,
}
