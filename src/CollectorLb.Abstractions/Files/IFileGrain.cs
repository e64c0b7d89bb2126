using CollectorLb.Abstractions.Quarantine;

namespace CollectorLb.Abstractions.Files;

/// <summary>
/// One flow file, keyed by <see cref="FileKey"/>. Drives the file from detection to deletion.
/// Calls return at once: the upload is the grain's own work, never something a caller awaits.
/// </summary>
[Alias("collectorlb.file")]
public interface IFileGrain : IGrainWithStringKey
{
    /// <summary>Reports the claimed file. Idempotent: a second report of a known file changes nothing.</summary>
    [Alias("detect")]
    Task Detect(DetectedFile file);

    [Alias("get-snapshot")]
    Task<FileSnapshot> GetSnapshot();

    /// <summary>
    /// An operator releases a quarantined file: it goes back to the spool and is delivered with fresh attempts.
    /// Answers <see cref="RequeueOutcome.Requeued"/>, <see cref="RequeueOutcome.NotQuarantined"/> or <see cref="RequeueOutcome.FileMissing"/>.
    /// </summary>
    [Alias("requeue")]
    Task<RequeueOutcome> Requeue();
}
