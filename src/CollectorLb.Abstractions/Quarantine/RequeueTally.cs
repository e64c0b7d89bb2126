namespace CollectorLb.Abstractions.Quarantine;

/// <summary>What a bulk requeue did so far: files back in the spool, files refused and why, with a few refusals spelled out.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.requeue-tally")]
public sealed record RequeueTally
{
    /// <summary>How many refusals are kept word for word; the counts cover all of them.</summary>
    public const int MaxExamples = 20;

    [Id(0)] public long Requeued { get; init; }

    /// <summary>Quarantined, but the bytes are gone from the quarantine folder.</summary>
    [Id(1)] public long FileMissing { get; init; }

    /// <summary>Listed in quarantine, but its file grain says it is not quarantined (requeued by someone else meanwhile, say).</summary>
    [Id(2)] public long NotQuarantined { get; init; }

    /// <summary>The file's grain did not answer, or failed.</summary>
    [Id(3)] public long Failed { get; init; }

    [Id(4)] public IReadOnlyList<RequeueAnswer> Examples { get; init; } = [];

    public long Refused => FileMissing + NotQuarantined + Failed;

    public RequeueTally Add(RequeueTally other) => new()
    {
        Requeued = Requeued + other.Requeued,
        FileMissing = FileMissing + other.FileMissing,
        NotQuarantined = NotQuarantined + other.NotQuarantined,
        Failed = Failed + other.Failed,
        Examples = [.. Examples.Concat(other.Examples).Take(MaxExamples)],
    };
}
