namespace CollectorLb.Abstractions.ClusterView;

/// <summary>One host's statistics as its silo keeps them (in memory, since the silo started).</summary>
[GenerateSerializer, Immutable, Alias("collectorlb.host-statistics")]
public sealed record HostStatistics
{
    [Id(0)] public required string HostId { get; init; }
    [Id(1)] public required string SiloName { get; init; }
    [Id(2)] public string? SiloAddress { get; init; }
    /// <summary>When the silo started, and with it every count here.</summary>
    [Id(3)] public DateTimeOffset StartedAt { get; init; }
    [Id(4)] public DateTimeOffset CapturedAt { get; init; }
    [Id(5)] public FileStateCounts Files { get; init; } = new();
    [Id(6)] public DeliveryTotals Totals { get; init; } = new();

    /// <summary>Uploads running on this silo now.</summary>
    [Id(7)] public int UploadsInFlight { get; init; }

    /// <summary>Flow files on this host's disk not yet delivered: waiting in the directory or claimed into the spool.</summary>
    [Id(8)] public long Backlog { get; init; }

    /// <summary>What the supervisor knows of nfcapd (Running, Restarting, Disabled, ...).</summary>
    [Id(9)] public string? Nfcapd { get; init; }

    /// <summary>The last hour in <see cref="StatisticsSlot.Length"/> slots, oldest first; slots with nothing in them are left out.</summary>
    [Id(10)] public IReadOnlyList<StatisticsSlot> Slots { get; init; } = [];
}
