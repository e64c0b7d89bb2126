namespace CollectorLb.Abstractions.Quarantine;

/// <summary>The outcome of a requeue, with the file's key when known and a sentence for the operator.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.requeue-answer")]
public sealed record RequeueAnswer(
    [property: Id(0)] RequeueOutcome Outcome,
    [property: Id(1)] string? Key,
    [property: Id(2)] string Message)
{
    /// <summary>Keys a bare file name matched, when <see cref="RequeueOutcome.Ambiguous"/>.</summary>
    [Id(3)] public IReadOnlyList<string> Candidates { get; init; } = [];

    public bool Succeeded => Outcome == RequeueOutcome.Requeued;
}
