namespace CollectorLb.Abstractions.Quarantine;

/// <summary>How a reason filter selects files: a case-insensitive substring of the sidecar's reason; none selects all.</summary>
public static class QuarantineReason
{
    public static bool Matches(QuarantinedFile file, string? filter) =>
        string.IsNullOrEmpty(filter) || file.Reason.Contains(filter, StringComparison.OrdinalIgnoreCase);
}
