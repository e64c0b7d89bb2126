using CollectorLb.Abstractions.ClusterView;

namespace CollectorLb.Abstractions.Quarantine;

/// <summary>
/// One page of the cluster's quarantine, every host's files merged in <see cref="QuarantinePosition"/> order. Walk
/// on with <see cref="Next"/> as the next query's <c>after</c> until it is null: each file is then seen exactly
/// once (files quarantined or requeued meanwhile may or may not be). A page may be shorter than the limit, even
/// empty, while <see cref="Next"/> is not null: with a reason filter each host reads a bounded number of sidecars per call.
/// </summary>
[GenerateSerializer, Immutable, Alias("collectorlb.quarantine-page")]
public sealed record QuarantinePage
{
    [Id(0)] public IReadOnlyList<QuarantinedFile> Items { get; init; } = [];

    /// <summary>The cursor of the next page; null when this is the last.</summary>
    [Id(1)] public string? Next { get; init; }

    /// <summary>Files in quarantine on the hosts asked (the filter's reason not applied: that would read every sidecar).</summary>
    [Id(2)] public long Total { get; init; }

    [Id(3)] public IReadOnlyList<HostQuarantineCount> Hosts { get; init; } = [];

    /// <summary>Hosts that did not answer: their files up to this page's end are missing from the walk.</summary>
    [Id(4)] public IReadOnlyList<UnreachableHost> Unreachable { get; init; } = [];
}
