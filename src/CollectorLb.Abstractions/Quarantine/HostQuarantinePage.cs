namespace CollectorLb.Abstractions.Quarantine;

/// <summary>
/// One host's part of a page: its next files in order. A host reads a bounded number of sidecars per call, so
/// with a reason filter it may stop before <see cref="HostQuarantineQuery.Limit"/> matches: <see cref="ExaminedUpTo"/>
/// says how far it looked, <see cref="More"/> whether anything lies beyond.
/// </summary>
[GenerateSerializer, Immutable, Alias("collectorlb.host-quarantine-page")]
public sealed record HostQuarantinePage
{
    [Id(0)] public string HostId { get; init; } = string.Empty;
    [Id(1)] public IReadOnlyList<QuarantineEntry> Entries { get; init; } = [];

    /// <summary>The last position looked at, matching or not; null when nothing lay after the cursor.</summary>
    [Id(2)] public QuarantinePosition? ExaminedUpTo { get; init; }

    [Id(3)] public bool More { get; init; }

    /// <summary>Files in this host's quarantine, filter or not: counted from directory names, no sidecar read.</summary>
    [Id(4)] public long Total { get; init; }
}
