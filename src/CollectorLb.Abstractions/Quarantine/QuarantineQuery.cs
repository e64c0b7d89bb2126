using CollectorLb.Abstractions.ClusterView;

namespace CollectorLb.Abstractions.Quarantine;

/// <summary>
/// One page of the cluster's quarantine: at most <see cref="Limit"/> files after the cursor <see cref="After"/>
/// (a page's <see cref="QuarantinePage.Next"/>; null for the first page), in <see cref="QuarantinePosition"/> order.
/// </summary>
[GenerateSerializer, Immutable, Alias("collectorlb.quarantine-query")]
public sealed record QuarantineQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Only this host's files; null for every host.</summary>
    [Id(0)] public string? HostId { get; init; }

    /// <summary>Only files whose reason contains this text, ignoring case; null for all.</summary>
    [Id(1)] public string? Reason { get; init; }

    [Id(2)] public int Limit { get; init; } = DefaultLimit;

    [Id(3)] public string? After { get; init; }

    /// <summary>Null when the query may be run; else why it is refused.</summary>
    public string? Check() =>
        Limit is < 1 or > MaxLimit ? $"Refused: the limit must be between 1 and {MaxLimit}; got {Limit}."
        : (HostId is null ? null : OperatorInput.CheckHostId(HostId))
            ?? OperatorInput.CheckReasonFilter(Reason)
            ?? (After is null ? null : CheckCursor(After));

    /// <summary>The position <see cref="After"/> names; call after <see cref="Check"/> passed.</summary>
    public QuarantinePosition? AfterPosition() => After is null ? null : QuarantinePosition.FromCursor(After, out _);

    private static string? CheckCursor(string cursor) =>
        QuarantinePosition.FromCursor(cursor, out var problem) is null ? $"Refused: the cursor {OperatorInput.Show(cursor)} cannot be read: {problem}" : null;
}
