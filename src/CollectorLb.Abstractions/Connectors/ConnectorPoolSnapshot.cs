namespace CollectorLb.Abstractions.Connectors;

/// <summary>The pool's view: its connectors and how the registry last answered.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.connector-pool-snapshot")]
public sealed record ConnectorPoolSnapshot
{
    [Id(0)] public required string Registry { get; init; }
    [Id(1)] public required string Policy { get; init; }
    [Id(2)] public IReadOnlyList<ConnectorSnapshot> Connectors { get; init; } = [];
    [Id(3)] public DateTimeOffset? RegistryAnsweredAt { get; init; }
    [Id(4)] public string? RegistryError { get; init; }
    [Id(5)] public int LeasesOutstanding { get; init; }
}
