using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Observability;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Paths;

namespace CollectorLb.UnitTests.Observability;

public sealed class DiskCensusTests : IDisposable
{
    private readonly TempDirectory _directory = new("census");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 4, 40, 0, TimeSpan.Zero));
    private readonly FileSpool _spool;
    private readonly QuarantineStore _quarantine;
    private readonly DiskCensus _census;

    public DiskCensusTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SpoolOptions { FlowDirectory = _directory.Path });
        var identity = Microsoft.Extensions.Options.Options.Create(new HostIdentityOptions { HostId = "host-a" });
        _quarantine = new QuarantineStore(options, identity, new NoCrashPoints());
        _spool = new FileSpool(options, identity, _time, new FileOpener(), _quarantine);
        _spool.EnsureDirectories();
        _census = new DiskCensus(_spool, _quarantine, _time);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Backlog_FilesClaimedIntoOneFolder_CountsEachFileAndTheOnesWaiting()
    {
        for (var i = 0; i < 3; i++)
        {
            _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, $"nfcapd.20261127044{i}", FlowFiles.Distinct(i)));
        }

        FlowFiles.RenameInto(_directory.Path, "nfcapd.202611270450", FlowFiles.Distinct(9));

        Assert.Equal(4, _census.Backlog);
    }

    [Fact]
    public void Quarantined_FilesInTheQuarantineFolder_CountsOneEach()
    {
        foreach (var name in new[] { "nfcapd.1", "nfcapd.1", "nfcapd.2" })
        {
            var key = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, name, [1]))!;
            _quarantine.Add(key, _spool.PathOf(key), new QuarantinedFile { Key = key.ToString(), FileName = name, HostId = key.HostId, Reason = "test" });
            _spool.RemoveClaim(key);
        }

        Assert.Equal(3, _census.Quarantined);
        Assert.Equal(0, _census.Backlog);
    }

    [Fact]
    public void OldestWaitingAge_NoFileOnDisk_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, _census.OldestWaitingAge);
    }

    [Fact]
    public void OldestWaitingAge_FilesWaitingAndClaimed_IsTheAgeOfTheOldestWrittenAndFollowsItWhenItGoes()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var waiting = FlowFiles.RenameInto(_directory.Path, "nfcapd.202611270430", FlowFiles.Distinct(1));
        File.SetLastWriteTimeUtc(waiting, now.AddSeconds(-90));
        var claimed = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.202611270420", FlowFiles.Distinct(2)))!;
        File.SetLastWriteTimeUtc(_spool.PathOf(claimed), now.AddSeconds(-300));

        Assert.Equal(TimeSpan.FromSeconds(300), _census.OldestWaitingAge);

        // Delivered: the claimed file goes; a second later the next listing sees the waiting one, 91 s old by then.
        _spool.Delete(claimed);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(91), _census.OldestWaitingAge);
    }

    [Fact]
    public void OldestWaitingAge_OnlyFilesTheWatcherIgnores_IsZero()
    {
        foreach (var name in new[] { "nfcapd.current.1234", ".hidden", "nfcapd.202611270430.nfstat" })
        {
            File.WriteAllBytes(Path.Combine(_directory.Path, name), [1]);
            File.SetLastWriteTimeUtc(Path.Combine(_directory.Path, name), _time.GetUtcNow().UtcDateTime.AddHours(-1));
        }

        Assert.Equal(TimeSpan.Zero, _census.OldestWaitingAge);
        Assert.Equal(0, _census.Backlog);
    }
}
