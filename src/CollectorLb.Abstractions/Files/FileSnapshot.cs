namespace CollectorLb.Abstractions.Files;

/// <summary>What a FileGrain knows about its file, for dashboards, the CLI and tests.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.file-snapshot")]
public sealed record FileSnapshot
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required string FileName { get; init; }
    [Id(2)] public required string HostId { get; init; }
    [Id(3)] public FileStatus Status { get; init; }
    [Id(4)] public long SizeBytes { get; init; }
    [Id(5)] public int Attempts { get; init; }
    [Id(6)] public string? Connector { get; init; }
    [Id(7)] public string? LastError { get; init; }
    [Id(8)] public FileTimeline Timeline { get; init; } = new();
    [Id(9)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(10)] public string? ActivationSilo { get; init; }
}
