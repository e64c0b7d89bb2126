namespace CollectorLb.Abstractions.Connectors;

/// <summary>A FileGrain asking for a connector for a file of <paramref name="SizeBytes"/> bytes.</summary>
/// <param name="Avoid">Connectors this file already failed on, the most recent failure last; used only while others are available.</param>
[GenerateSerializer, Immutable, Alias("collectorlb.lease-request")]
public sealed record LeaseRequest(
    [property: Id(0)] string FileKey,
    [property: Id(1)] long SizeBytes,
    [property: Id(2)] IReadOnlyList<string> Avoid)
{
    /// <summary>
    /// The file's last attempt failed downstream: it waits for a healthy connector (or a connector's trial) instead of
    /// trying the least bad one, so a backlog waits out an outage without hammering the connectors.
    /// </summary>
    [Id(3)] public bool OnlyHealthy { get; init; }
}
