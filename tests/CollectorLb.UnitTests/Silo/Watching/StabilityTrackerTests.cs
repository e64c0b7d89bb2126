using CollectorLb.Grains.Interop;
using CollectorLb.Silo.Watching;

namespace CollectorLb.UnitTests.Silo.Watching;

public class StabilityTrackerTests
{
    private static readonly TimeSpan StableFor = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 4, 40, 0, TimeSpan.Zero));

    [Fact]
    public void IsStable_FileModifiedLongAgo_IsCompleteAtOnce()
    {
        var tracker = new StabilityTracker(StableFor, _time);

        Assert.True(tracker.IsStable("/f", Info(100, _time.GetUtcNow().AddMinutes(-1))));
    }

    [Fact]
    public void IsStable_FileStillGrowing_WaitsUntilItStopsForTheWholePeriod()
    {
        var tracker = new StabilityTracker(StableFor, _time);
        var modified = _time.GetUtcNow();

        Assert.False(tracker.IsStable("/f", Info(100, modified)));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(tracker.IsStable("/f", Info(200, modified.AddSeconds(1))));
        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(tracker.IsStable("/f", Info(200, modified.AddSeconds(1))));
        _time.Advance(TimeSpan.FromSeconds(0.6));

        Assert.True(tracker.IsStable("/f", Info(200, modified.AddSeconds(1))));
        Assert.Empty(tracker.PendingPaths);
    }

    private static UnixFileInfo Info(long size, DateTimeOffset modified) => new(UnixFileKind.Regular, size, modified);
}
