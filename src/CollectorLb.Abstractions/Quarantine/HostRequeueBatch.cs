namespace CollectorLb.Abstractions.Quarantine;

/// <summary>One host's part of a bulk requeue round: what it did, and where it stopped (null <see cref="Next"/> with <see cref="Done"/>: its walk is over).</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.host-requeue-batch")]
public sealed record HostRequeueBatch
{
    [Id(0)] public RequeueTally Tally { get; init; } = new();
    [Id(1)] public QuarantinePosition? Next { get; init; }
    [Id(2)] public bool Done { get; init; }
}
