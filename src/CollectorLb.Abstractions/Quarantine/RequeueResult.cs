namespace CollectorLb.Abstractions.Quarantine;

/// <summary>What an operator's requeue of a file did.</summary>
public enum RequeueResult
{
    /// <summary>Back in the spool; the file is being delivered again.</summary>
    Requeued,

    /// <summary>The file is not in quarantine (already delivered, or never quarantined).</summary>
    NotQuarantined,

    /// <summary>Quarantined, but its bytes are gone from the quarantine folder: nothing to send.</summary>
    FileMissing,
}
