using CollectorLb.Abstractions.ClusterView;

namespace CollectorLb.Silo.Observability;

/// <summary>
/// The last hour of deliveries on this silo in <see cref="StatisticsSlot.Length"/> slots (a ring: a slot is
/// reused once it is an hour old). Cheap enough to record on every measurement.
/// </summary>
internal sealed class StatisticsWindow(TimeProvider timeProvider)
{
    private static readonly int SlotCount = (int)(StatisticsSlot.Window / StatisticsSlot.Length);

    private readonly Lock _lock = new();
    private readonly Slot[] _ring = Enumerable.Range(0, SlotCount).Select(_ => new Slot()).ToArray();

    /// <summary>A file acknowledged: its bytes, its upload's time and, when known, its time since detection.</summary>
    public void Delivered(long bytes, TimeSpan upload, TimeSpan? sinceDetection) => Update(slot =>
    {
        slot.FilesDelivered++;
        slot.BytesDelivered += bytes;
        slot.UploadDuration[LatencyBuckets.IndexOf(upload.TotalSeconds)]++;
        if (sinceDetection is { } latency)
        {
            slot.DeliveryLatency[LatencyBuckets.IndexOf(latency.TotalSeconds)]++;
        }
    });

    /// <summary>An attempt failed; <paramref name="upload"/> is its upload's time when a connector was asked.</summary>
    public void Failed(TimeSpan? upload) => Update(slot =>
    {
        slot.UploadFailures++;
        if (upload is { } duration)
        {
            slot.UploadDuration[LatencyBuckets.IndexOf(duration.TotalSeconds)]++;
        }
    });

    /// <summary>Slots of the last hour with something in them, oldest first.</summary>
    public IReadOnlyList<StatisticsSlot> Snapshot()
    {
        var oldest = StatisticsSlot.StartOf(timeProvider.GetUtcNow()) - StatisticsSlot.Window + StatisticsSlot.Length;
        lock (_lock)
        {
            return _ring
                .Where(s => s.Start >= oldest && !s.IsEmpty)
                .OrderBy(s => s.Start)
                .Select(s => new StatisticsSlot
                {
                    Start = s.Start,
                    FilesDelivered = s.FilesDelivered,
                    BytesDelivered = s.BytesDelivered,
                    UploadFailures = s.UploadFailures,
                    DeliveryLatency = (long[])s.DeliveryLatency.Clone(),
                    UploadDuration = (long[])s.UploadDuration.Clone(),
                })
                .ToList();
        }
    }

    private void Update(Action<Slot> change)
    {
        var start = StatisticsSlot.StartOf(timeProvider.GetUtcNow());
        var index = (int)(start.UtcTicks / StatisticsSlot.Length.Ticks % SlotCount);
        lock (_lock)
        {
            var slot = _ring[index];
            if (slot.Start != start)
            {
                slot.Reset(start);
            }

            change(slot);
        }
    }

    private sealed class Slot
    {
        public DateTimeOffset Start { get; private set; } = DateTimeOffset.MinValue;

        public long FilesDelivered { get; set; }

        public long BytesDelivered { get; set; }

        public long UploadFailures { get; set; }

        public long[] DeliveryLatency { get; } = new long[LatencyBuckets.Count];

        public long[] UploadDuration { get; } = new long[LatencyBuckets.Count];

        public bool IsEmpty => FilesDelivered == 0 && UploadFailures == 0 && DeliveryLatency.All(c => c == 0) && UploadDuration.All(c => c == 0);

        public void Reset(DateTimeOffset start)
        {
            Start = start;
            FilesDelivered = BytesDelivered = UploadFailures = 0;
            Array.Clear(DeliveryLatency);
            Array.Clear(UploadDuration);
        }
    }
}
