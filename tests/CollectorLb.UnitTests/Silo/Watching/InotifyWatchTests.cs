using System.Collections.Concurrent;
using CollectorLb.Silo.Interop;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.UnitTests.Silo.Watching;

public sealed class InotifyWatchTests : IDisposable
{
    private const InotifyEvents Mask = InotifyEvents.MovedInto | InotifyEvents.Created | InotifyEvents.ClosedAfterWrite;

    private readonly TempDirectory _watched = new("watched");
    private readonly TempDirectory _elsewhere = new("elsewhere");
    private readonly ConcurrentQueue<InotifyEvent> _events = new();
    private readonly ConcurrentQueue<Exception> _failures = new();

    public void Dispose()
    {
        _watched.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public async Task RenameFromAnotherDirectory_IsMovedInto_AndAFileWrittenInPlaceIsCreatedThenClosedAfterWrite()
    {
        using var watch = InotifyWatch.Start(_watched.Path, Mask, _events.Enqueue, _failures.Enqueue);
        File.WriteAllBytes(_elsewhere.Combine("moved"), [1]);

        File.Move(_elsewhere.Combine("moved"), _watched.Combine("moved"));
        File.WriteAllBytes(_watched.Combine("written"), [2]);

        await Eventually.TrueAsync(() => _events.Count(e => e.Name == "written") >= 2, () => string.Join(", ", _events));
        var moved = Assert.Single(_events, e => e.Name == "moved");
        Assert.True(moved.Has(InotifyEvents.MovedInto));
        Assert.Equal(
            [InotifyEvents.Created, InotifyEvents.ClosedAfterWrite],
            _events.Where(e => e.Name == "written").Select(e => e.Mask & Mask));
        Assert.Empty(_failures);
    }

    [Fact]
    public async Task NameThatIsNotUtf8_ComesPrintableAndFlagged()
    {
        using var watch = InotifyWatch.Start(_watched.Path, Mask, _events.Enqueue, _failures.Enqueue);

        HostileEntries.CreateWithRawName(_watched.Path, [.. "nfcapd."u8, 0xFF], [1]);

        await Eventually.TrueAsync(() => !_events.IsEmpty, "an event");
        Assert.All(_events, e => Assert.False(e.NameIsUtf8));
        Assert.All(_events, e => Assert.Equal("nfcapd.\\xFF", e.Name));
    }

    [Fact]
    public async Task Dispose_WithNoEventComing_StopsTheReaderAtOnce()
    {
        var watch = InotifyWatch.Start(_watched.Path, Mask, _events.Enqueue, _failures.Enqueue);

        // The reader waits in poll(2); Dispose wakes it through its eventfd instead of waiting for a file event.
        await Task.Run(watch.Dispose).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(_failures);
    }

    [Fact]
    public void Start_DirectoryMissing_ThrowsAnIOExceptionWithTheErrno()
    {
        var refused = Assert.ThrowsAny<IOException>(() => InotifyWatch.Start(_watched.Combine("gone"), Mask, _events.Enqueue, _failures.Enqueue));

        Assert.Equal((int)CollectorLb.Grains.Interop.Errno.Enoent, refused.HResult);
    }
}
