namespace CollectorLb.Abstractions.Quarantine;

/// <summary>
/// One round of a bulk requeue: the filter, and the previous round's <see cref="BulkRequeueAnswer.Continuation"/>
/// (null to start). A round stays well within a grain call's timeout; the caller repeats until the continuation is null.
/// </summary>
[GenerateSerializer, Immutable, Alias("collectorlb.bulk-requeue-request")]
public sealed record BulkRequeueRequest
{
    [Id(0)] public RequeueFilter Filter { get; init; } = new();
    [Id(1)] public string? Continuation { get; init; }
}
