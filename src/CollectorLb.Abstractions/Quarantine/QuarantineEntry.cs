namespace CollectorLb.Abstractions.Quarantine;

/// <summary>A quarantined file with its place in the listing order, as a host hands it to the cluster view to merge.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.quarantine-entry")]
public sealed record QuarantineEntry(
    [property: Id(0)] QuarantinePosition Position,
    [property: Id(1)] QuarantinedFile File);
