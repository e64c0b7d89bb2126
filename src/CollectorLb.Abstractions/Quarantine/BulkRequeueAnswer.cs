using CollectorLb.Abstractions.ClusterView;

namespace CollectorLb.Abstractions.Quarantine;

/// <summary>
/// What one bulk requeue round did on every host it walked. <see cref="Continuation"/> is null once every host's walk
/// is over; otherwise send it back in the next <see cref="BulkRequeueRequest"/>. A host that does not answer is listed
/// in <see cref="Unreachable"/> and left out of the rounds after; the others go on.
/// </summary>
[GenerateSerializer, Immutable, Alias("collectorlb.bulk-requeue-answer")]
public sealed record BulkRequeueAnswer
{
    [Id(0)] public RequeueTally Tally { get; init; } = new();
    [Id(1)] public IReadOnlyList<UnreachableHost> Unreachable { get; init; } = [];
    [Id(2)] public string? Continuation { get; init; }

    /// <summary>Set when the request itself was refused (a malformed filter or continuation): nothing was done.</summary>
    [Id(3)] public string? Refusal { get; init; }

    public bool Done => Continuation is null;
}
