namespace CollectorLb.Abstractions.Quarantine;

/// <summary>What the cluster view asks of one host in a bulk requeue round: its next files after <see cref="After"/> that match <see cref="Reason"/>.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.host-requeue-request")]
public sealed record HostRequeueRequest
{
    [Id(0)] public QuarantinePosition? After { get; init; }
    [Id(1)] public string? Reason { get; init; }
}
