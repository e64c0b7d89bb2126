using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Silo.Observability;

namespace CollectorLb.UnitTests.Observability;

public class StatisticsWindowTests
{
    [Fact]
    public void Snapshot_MeasurementsInTwoSlots_ReturnsTwoSlotsOldestFirst()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 0, 1, TimeSpan.Zero));
        var window = new StatisticsWindow(time);
        window.Delivered(1024, TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.3));
        window.Delivered(1024, TimeSpan.FromSeconds(0.1), null);
        time.Advance(StatisticsSlot.Length);
        window.Failed(TimeSpan.FromSeconds(7));

        var slots = window.Snapshot();

        Assert.Equal(2, slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero), slots[0].Start);
        Assert.Equal(2, slots[0].FilesDelivered);
        Assert.Equal(2048, slots[0].BytesDelivered);
        Assert.Equal(1, slots[0].DeliveryLatency[LatencyBuckets.IndexOf(0.3)]);
        Assert.Equal(2, slots[0].UploadDuration[LatencyBuckets.IndexOf(0.1)]);
        Assert.Equal(1, slots[1].UploadFailures);
        Assert.Equal(1, slots[1].UploadDuration[LatencyBuckets.IndexOf(7)]);
    }

    [Fact]
    public void Snapshot_AfterAnHour_ForgetsOldSlotsAndReusesTheirPlace()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero));
        var window = new StatisticsWindow(time);
        window.Delivered(1, TimeSpan.Zero, null);
        time.Advance(StatisticsSlot.Window);
        Assert.Empty(window.Snapshot());

        window.Delivered(1, TimeSpan.Zero, null);
        Assert.Equal(1, Assert.Single(window.Snapshot()).FilesDelivered);
    }
}
