using CollectorLb.Abstractions.ClusterView;

namespace CollectorLb.Abstractions.Quarantine;

/// <summary>Which quarantined files a bulk requeue releases: null parts match everything.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.requeue-filter")]
public sealed record RequeueFilter
{
    /// <summary>Only this host's files.</summary>
    [Id(0)] public string? HostId { get; init; }

    /// <summary>Only files whose reason contains this text, ignoring case (see <see cref="QuarantineReason"/>).</summary>
    [Id(1)] public string? Reason { get; init; }

    /// <summary>Null when the filter may be used; else why it is refused.</summary>
    public string? Check() => (HostId is null ? null : OperatorInput.CheckHostId(HostId)) ?? OperatorInput.CheckReasonFilter(Reason);
}
