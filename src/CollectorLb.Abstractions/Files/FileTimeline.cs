namespace CollectorLb.Abstractions.Files;

/// <summary>When a file reached each state (UTC); null while it has not.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.file-timeline")]
public sealed record FileTimeline
{
    [Id(0)] public DateTimeOffset? DetectedAt { get; init; }
    [Id(1)] public DateTimeOffset? FirstAttemptAt { get; init; }
    [Id(2)] public DateTimeOffset? LastAttemptAt { get; init; }
    [Id(3)] public DateTimeOffset? SentAt { get; init; }
    [Id(4)] public DateTimeOffset? DeletedAt { get; init; }
    [Id(5)] public DateTimeOffset? QuarantinedAt { get; init; }
}
