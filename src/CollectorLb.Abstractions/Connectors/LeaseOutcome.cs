namespace CollectorLb.Abstractions.Connectors;

/// <summary>How an upload under a lease ended; feeds the connector's health and the balancing policy.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.lease-outcome")]
public sealed record LeaseOutcome(
    [property: Id(0)] long LeaseId,
    [property: Id(1)] bool Acknowledged,
    [property: Id(2)] long Bytes,
    [property: Id(3)] TimeSpan Duration,
    [property: Id(4)] string? Error)
{
    /// <summary>The lease was not used (the silo began shutting down): it frees the connector and says nothing of its health.</summary>
    [Id(5)] public bool Unused { get; init; }

    /// <summary>The connector's HTTP status, when it answered at all (null: refused, reset, timed out).</summary>
    [Id(6)] public int? StatusCode { get; init; }

    /// <summary>The connector could not be reached or said it cannot take files (502/503/504): never the file's fault.</summary>
    [Id(7)] public bool Unavailable { get; init; }
}
