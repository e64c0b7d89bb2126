using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Grains.ClusterView;

namespace CollectorLb.UnitTests.Observability;

public class ClusterOverviewBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 4, 30, 5, TimeSpan.Zero);

    [Fact]
    public void Build_TwoHosts_SumsCountsAndMergesTheirSlotsByStart()
    {
        var slot = StatisticsSlot.StartOf(Now) - StatisticsSlot.Length;
        var a = Host("a", slot, files: 30, bytes: 3_000, latency: 0.3, inFlight: 2, backlog: 5);
        var b = Host("b", slot, files: 60, bytes: 6_000, latency: 0.3, inFlight: 1, backlog: 1);

        var overview = ClusterOverviewBuilder.Build([b, a], [new UnreachableHost("c", "timeout")], connectors: null, Now);

        Assert.Equal(["a", "b"], overview.Hosts.Select(h => h.HostId));
        Assert.All(overview.Hosts, h => Assert.Empty(h.Slots));
        Assert.Equal(90, overview.Totals.FilesDelivered);
        Assert.Equal(3, overview.Files.Detected);
        Assert.Equal(3, overview.UploadsInFlight);
        Assert.Equal(6, overview.Backlog);
        Assert.Equal("c", Assert.Single(overview.Unreachable).SiloName);

        // 90 files over the 30-second rate window and the 5 seconds of the slot still filling.
        Assert.Equal(90 / 35.0, overview.FilesPerSecond, 6);
        Assert.Equal(9000 / 35.0, overview.BytesPerSecond, 6);

        Assert.Equal(60, overview.Chart.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 4, 30, 0, TimeSpan.Zero), overview.Chart[^1].Start);
        var minute = Assert.Single(overview.Chart, p => p.FilesDelivered > 0);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 4, 29, 0, TimeSpan.Zero), minute.Start);
        Assert.Equal(90, minute.FilesDelivered);
        Assert.InRange(minute.DeliveryLatencyP50!.Value, 0.25, 0.5);
        Assert.Null(overview.Chart[0].DeliveryLatencyP50);
    }

    [Fact]
    public void Build_NoHosts_IsAnEmptyOverviewWithAFullHourOfPoints()
    {
        var overview = ClusterOverviewBuilder.Build([], [], connectors: null, Now);

        Assert.Empty(overview.Hosts);
        Assert.Equal(0, overview.FilesPerSecond);
        Assert.Equal(60, overview.Chart.Count);
    }

    private static HostStatistics Host(string id, DateTimeOffset slot, long files, long bytes, double latency, int inFlight, long backlog)
    {
        var latencies = new long[LatencyBuckets.Count];
        latencies[LatencyBuckets.IndexOf(latency)] = files;
        return new HostStatistics
        {
            HostId = id,
            SiloName = id,
            Files = new FileStateCounts { Detected = id == "a" ? 1 : 2 },
            Totals = new DeliveryTotals { FilesDelivered = files, BytesDelivered = bytes },
            UploadsInFlight = inFlight,
            Backlog = backlog,
            Slots = [new StatisticsSlot { Start = slot, FilesDelivered = files, BytesDelivered = bytes, DeliveryLatency = latencies }],
        };
    }
}
