namespace CollectorLb.Abstractions.Quarantine;

/// <summary>A file moved aside, as its JSON sidecar in the quarantine folder describes it.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.quarantined-file")]
public sealed record QuarantinedFile
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required string FileName { get; init; }
    [Id(2)] public required string HostId { get; init; }
    [Id(3)] public required string Reason { get; init; }
    [Id(4)] public int Attempts { get; init; }
    [Id(5)] public string? LastError { get; init; }
    [Id(6)] public IReadOnlyList<string> ConnectorsTried { get; init; } = [];
    [Id(7)] public long SizeBytes { get; init; }
    [Id(8)] public DateTimeOffset? DetectedAt { get; init; }
    [Id(9)] public DateTimeOffset? FirstAttemptAt { get; init; }
    [Id(10)] public DateTimeOffset? LastAttemptAt { get; init; }
    [Id(11)] public DateTimeOffset QuarantinedAt { get; init; }

    /// <summary>Where the file is now; null when there was nothing left to move (it vanished).</summary>
    [Id(12)] public string? Path { get; init; }
}
