namespace CollectorLb.Abstractions.ClusterView;

/// <summary>A host whose silo is in the cluster but did not answer; its numbers are missing from the merge.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.unreachable-host")]
public sealed record UnreachableHost(
    [property: Id(0)] string SiloName,
    [property: Id(1)] string Error);
