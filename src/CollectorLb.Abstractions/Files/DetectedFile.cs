namespace CollectorLb.Abstractions.Files;

/// <summary>What the directory watcher tells a FileGrain when it claims a file.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.detected-file")]
public sealed record DetectedFile(
    [property: Id(0)] long SizeBytes,
    [property: Id(1)] DateTimeOffset DetectedAt);
