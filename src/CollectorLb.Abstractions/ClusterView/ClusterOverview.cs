using CollectorLb.Abstractions.Connectors;

namespace CollectorLb.Abstractions.ClusterView;

/// <summary>The whole cluster at a glance: every host's statistics merged, the connectors, and the last hour.</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.cluster-overview")]
public sealed record ClusterOverview
{
    [Id(0)] public DateTimeOffset CapturedAt { get; init; }

    /// <summary>Each host that answered, without its slots (they are merged into <see cref="Chart"/>).</summary>
    [Id(1)] public IReadOnlyList<HostStatistics> Hosts { get; init; } = [];
    [Id(2)] public IReadOnlyList<UnreachableHost> Unreachable { get; init; } = [];
    [Id(3)] public FileStateCounts Files { get; init; } = new();
    [Id(4)] public DeliveryTotals Totals { get; init; } = new();
    [Id(5)] public int UploadsInFlight { get; init; }
    [Id(6)] public long Backlog { get; init; }

    /// <summary>Delivered files per second over the last <see cref="RateWindow"/> (and the slot still filling).</summary>
    [Id(7)] public double FilesPerSecond { get; init; }

    /// <summary>Delivered bytes per second over the last <see cref="RateWindow"/>.</summary>
    [Id(8)] public double BytesPerSecond { get; init; }

    /// <summary>The last hour, a point a minute, oldest first.</summary>
    [Id(9)] public IReadOnlyList<ChartPoint> Chart { get; init; } = [];

    /// <summary>Null when the pool grain did not answer.</summary>
    [Id(10)] public ConnectorPoolSnapshot? Connectors { get; init; }

    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(30);
}
