using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;

namespace CollectorLb.Grains.Files;

/// <summary>The sidecar record of a file about to be quarantined, from its grain's state.</summary>
internal static class QuarantineRecord
{
    public static QuarantinedFile Of(FileKey key, FileState state, string reason, DateTimeOffset at) => new()
    {
        Key = key.ToString(),
        FileName = key.FileName,
        HostId = key.HostId,
        Reason = reason,
        Attempts = state.Attempts,
        LastError = state.LastError,
        ConnectorsTried = state.ConnectorsTried.ToList(),
        SizeBytes = state.SizeBytes,
        DetectedAt = state.Timeline.DetectedAt,
        FirstAttemptAt = state.Timeline.FirstAttemptAt,
        LastAttemptAt = state.Timeline.LastAttemptAt,
        QuarantinedAt = at,
    };
}
