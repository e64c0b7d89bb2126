namespace CollectorLb.Abstractions.ClusterView;

/// <summary>
/// Files by state on one host (or summed over hosts): detected, dispatching and sent are the files there now;
/// deleted counts since the silo started; quarantined are the quarantine folder's files.
/// </summary>
[GenerateSerializer, Immutable, Alias("collectorlb.file-state-counts")]
public sealed record FileStateCounts
{
    [Id(0)] public long Detected { get; init; }
    [Id(1)] public long Dispatching { get; init; }
    [Id(2)] public long Sent { get; init; }
    [Id(3)] public long Deleted { get; init; }
    [Id(4)] public long Quarantined { get; init; }

    public FileStateCounts Add(FileStateCounts other) => Counters<FileStateCounts>.Sum(this, other);
}
