using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Connectors;

namespace CollectorLb.Grains.ClusterView;

/// <summary>Merges hosts' statistics into the cluster's overview: sums, slot-by-slot windows, rates and per-minute chart points.</summary>
public static class ClusterOverviewBuilder
{
    public static ClusterOverview Build(
        IReadOnlyList<HostStatistics> hosts,
        IReadOnlyList<UnreachableHost> unreachable,
        ConnectorPoolSnapshot? connectors,
        DateTimeOffset now)
    {
        var slots = MergeSlots(hosts);
        var (filesPerSecond, bytesPerSecond) = Rates(slots, now);
        return new ClusterOverview
        {
            CapturedAt = now,
            Hosts = hosts.Select(h => h with { Slots = [] }).OrderBy(h => h.HostId, StringComparer.Ordinal).ToList(),
            Unreachable = unreachable,
            Files = hosts.Aggregate(new FileStateCounts(), (sum, h) => sum.Add(h.Files)),
            Totals = hosts.Aggregate(new DeliveryTotals(), (sum, h) => sum.Add(h.Totals)),
            UploadsInFlight = hosts.Sum(h => h.UploadsInFlight),
            Backlog = hosts.Sum(h => h.Backlog),
            FilesPerSecond = filesPerSecond,
            BytesPerSecond = bytesPerSecond,
            Chart = Chart(slots, now),
            Connectors = connectors,
        };
    }

    /// <summary>Slots of every host added up by start time.</summary>
    public static SortedDictionary<DateTimeOffset, StatisticsSlot> MergeSlots(IEnumerable<HostStatistics> hosts)
    {
        var merged = new SortedDictionary<DateTimeOffset, StatisticsSlot>();
        foreach (var slot in hosts.SelectMany(h => h.Slots))
        {
            merged[slot.Start] = merged.TryGetValue(slot.Start, out var existing) ? existing.Add(slot) : slot;
        }

        return merged;
    }

    /// <summary>Over the last <see cref="ClusterOverview.RateWindow"/> of whole slots plus the one still filling, so a burst shows at once.</summary>
    private static (double Files, double Bytes) Rates(SortedDictionary<DateTimeOffset, StatisticsSlot> slots, DateTimeOffset now)
    {
        var start = StatisticsSlot.StartOf(now) - ClusterOverview.RateWindow;
        var recent = slots.Values.Where(s => s.Start >= start).ToList();
        var seconds = (now - start).TotalSeconds;
        return (recent.Sum(s => s.FilesDelivered) / seconds, recent.Sum(s => s.BytesDelivered) / seconds);
    }

    private static List<ChartPoint> Chart(SortedDictionary<DateTimeOffset, StatisticsSlot> slots, DateTimeOffset now)
    {
        var minutes = (int)(StatisticsSlot.Window / ChartPoint.Length);
        var last = StatisticsSlot.StartOf(now, ChartPoint.Length);
        var points = new List<ChartPoint>(minutes);
        for (var i = minutes - 1; i >= 0; i--)
        {
            var start = last - (ChartPoint.Length * i);
            var inMinute = slots.Values.Where(s => s.Start >= start && s.Start < start + ChartPoint.Length).ToList();
            var sum = inMinute.Aggregate(new StatisticsSlot { Start = start }, (total, s) => total.Add(s));
            points.Add(new ChartPoint
            {
                Start = start,
                FilesDelivered = sum.FilesDelivered,
                BytesDelivered = sum.BytesDelivered,
                UploadFailures = sum.UploadFailures,
                DeliveryLatencyP50 = LatencyBuckets.Quantile(sum.DeliveryLatency, 0.5),
                DeliveryLatencyP95 = LatencyBuckets.Quantile(sum.DeliveryLatency, 0.95),
                UploadDurationP50 = LatencyBuckets.Quantile(sum.UploadDuration, 0.5),
                UploadDurationP95 = LatencyBuckets.Quantile(sum.UploadDuration, 0.95),
            });
        }

        return points;
    }
}
