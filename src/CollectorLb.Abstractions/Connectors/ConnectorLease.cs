namespace CollectorLb.Abstractions.Connectors;

/// <summary>Permission to upload one file to one connector; returned with its outcome.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.connector-lease")]
public sealed record ConnectorLease(
    [property: Id(0)] long LeaseId,
    [property: Id(1)] string ConnectorName,
    [property: Id(2)] string BaseUrl);
