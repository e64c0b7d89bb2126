namespace CollectorLb.Abstractions.Quarantine;

/// <summary>How many files one host has in quarantine (sidecars counted, not read).</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.host-quarantine-count")]
public sealed record HostQuarantineCount(
    [property: Id(0)] string HostId,
    [property: Id(1)] long Files);
