namespace CollectorLb.Abstractions.Connectors;

/// <summary>One connector as the pool sees it.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.connector-snapshot")]
public sealed record ConnectorSnapshot
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string BaseUrl { get; init; }
    [Id(2)] public int InFlight { get; init; }
    [Id(3)] public long InFlightBytes { get; init; }
    [Id(4)] public long Successes { get; init; }
    [Id(5)] public long Failures { get; init; }
    [Id(6)] public int ConsecutiveFailures { get; init; }
    [Id(7)] public string? LastError { get; init; }
    [Id(8)] public double SecondsPerMegabyte { get; init; }
    [Id(9)] public DateTimeOffset? EjectedUntil { get; init; }
}
