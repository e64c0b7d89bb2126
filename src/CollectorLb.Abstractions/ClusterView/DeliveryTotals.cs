namespace CollectorLb.Abstractions.ClusterView;

/// <summary>Counts since the silo started, the same numbers its <c>/metrics</c> exports.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.delivery-totals")]
public sealed record DeliveryTotals
{
    [Id(0)] public long FilesDetected { get; init; }
    [Id(1)] public long FilesDelivered { get; init; }
    [Id(2)] public long FilesDeleted { get; init; }
    [Id(3)] public long UploadFailures { get; init; }
    [Id(4)] public long FilesQuarantined { get; init; }
    [Id(5)] public long FilesRequeued { get; init; }
    [Id(6)] public long Duplicates { get; init; }
    [Id(7)] public long BytesDelivered { get; init; }
    [Id(8)] public long ConnectorEjections { get; init; }

    public DeliveryTotals Add(DeliveryTotals other) => Counters<DeliveryTotals>.Sum(this, other);
}
