namespace CollectorLb.Abstractions.ClusterView;

/// <summary>Items gathered from every host, and the hosts that did not answer.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.cluster-listing`1")]
public sealed record ClusterListing<T>
{
    [Id(0)] public IReadOnlyList<T> Items { get; init; } = [];
    [Id(1)] public IReadOnlyList<UnreachableHost> Unreachable { get; init; } = [];
}
