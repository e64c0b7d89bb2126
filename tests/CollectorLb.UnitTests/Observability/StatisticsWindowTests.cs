using CollectorLb.Abstractions.Hosts;
using CollectorLb.Silo.Observability;
using Microsoft.Extensions.Time.Testing;

namespace CollectorLb.UnitTests.Observability;

public class StatisticsWindowTests
{
    [Fact]
    public void Snapshot_MeasurementsInTwoSlots_ReturnsTwoSlotsOldestFirst()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 0, 1, TimeSpan.Zero));
        var window = new StatisticsWindow(time);
        window.FilesDelivered(2);
        window.BytesDelivered(2048);
        window.DeliveryLatency(0.3);
        time.Advance(StatisticsSlot.Length);
        window.UploadFailures(1);
        window.UploadDuration(7);

        var slots = window.Snapshot();

        Assert.Equal(2, slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero), slots[0].Start);
        Assert.Equal(2, slots[0].FilesDelivered);
        Assert.Equal(2048, slots[0].BytesDelivered);
        Assert.Equal(1, slots[0].DeliveryLatency[LatencyBuckets.IndexOf(0.3)]);
        Assert.Equal(1, slots[1].UploadFailures);
        Assert.Equal(1, slots[1].UploadDuration[LatencyBuckets.IndexOf(7)]);
    }

    [Fact]
    public void Snapshot_AfterAnHour_ForgetsOldSlotsAndReusesTheirPlace()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero));
        var window = new StatisticsWindow(time);
        window.FilesDelivered(5);
        time.Advance(StatisticsSlot.Window);
        Assert.Empty(window.Snapshot());

        window.FilesDelivered(1);
        Assert.Equal(1, Assert.Single(window.Snapshot()).FilesDelivered);
    }
}
