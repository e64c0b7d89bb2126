namespace CollectorLb.Abstractions.ClusterView;

/// <summary>What happened on a host during one <see cref="Length"/> of time; hosts' slots with the same start add up.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.statistics-slot")]
public sealed record StatisticsSlot
{
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(10);

    /// <summary>How far back the slots go.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    [Id(0)] public DateTimeOffset Start { get; init; }
    [Id(1)] public long FilesDelivered { get; init; }
    [Id(2)] public long BytesDelivered { get; init; }
    [Id(3)] public long UploadFailures { get; init; }

    /// <summary>Detection-to-acknowledgement latency, counted by <see cref="LatencyBuckets"/>.</summary>
    [Id(4)] public long[] DeliveryLatency { get; init; } = [];

    /// <summary>Duration of upload attempts, counted by <see cref="LatencyBuckets"/>.</summary>
    [Id(5)] public long[] UploadDuration { get; init; } = [];

    public StatisticsSlot Add(StatisticsSlot other) => this with
    {
        FilesDelivered = FilesDelivered + other.FilesDelivered,
        BytesDelivered = BytesDelivered + other.BytesDelivered,
        UploadFailures = UploadFailures + other.UploadFailures,
        DeliveryLatency = LatencyBuckets.Add(DeliveryLatency, other.DeliveryLatency),
        UploadDuration = LatencyBuckets.Add(UploadDuration, other.UploadDuration),
    };

    /// <summary>The slot a moment falls in.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset at) => StartOf(at, Length);

    /// <summary>The start of the UTC period of <paramref name="length"/> a moment falls in (a chart's minute, say).</summary>
    public static DateTimeOffset StartOf(DateTimeOffset at, TimeSpan length) =>
        new(at.UtcTicks - (at.UtcTicks % length.Ticks), TimeSpan.Zero);
}
