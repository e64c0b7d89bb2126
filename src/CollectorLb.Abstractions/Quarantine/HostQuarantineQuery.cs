namespace CollectorLb.Abstractions.Quarantine;

/// <summary>What the cluster view asks of each host for one page: its files after <see cref="After"/>, at most <see cref="Limit"/>.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.host-quarantine-query")]
public sealed record HostQuarantineQuery
{
    [Id(0)] public QuarantinePosition? After { get; init; }
    [Id(1)] public int Limit { get; init; } = QuarantineQuery.DefaultLimit;
    [Id(2)] public string? Reason { get; init; }
}
