namespace CollectorLb.Abstractions.ClusterView;

/// <summary>One minute of the whole cluster, for the dashboard's charts; latencies in seconds, null without samples.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.chart-point")]
public sealed record ChartPoint
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    [Id(0)] public DateTimeOffset Start { get; init; }
    [Id(1)] public long FilesDelivered { get; init; }
    [Id(2)] public long BytesDelivered { get; init; }
    [Id(3)] public long UploadFailures { get; init; }
    [Id(4)] public double? DeliveryLatencyP50 { get; init; }
    [Id(5)] public double? DeliveryLatencyP95 { get; init; }
    [Id(6)] public double? UploadDurationP50 { get; init; }
    [Id(7)] public double? UploadDurationP95 { get; init; }
}
