using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Observability;
using CollectorLb.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CollectorLb.Tests.Observability;

public sealed class DiskCensusTests : IDisposable
{
    private readonly TempDirectory _directory = new("census");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 4, 40, 0, TimeSpan.Zero));
    private readonly FileSpool _spool;
    private readonly QuarantineStore _quarantine;
    private readonly DiskCensus _census;

    public DiskCensusTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SpoolOptions { FlowDirectory = _directory.Path, HostId = "host-a" });
        _spool = new FileSpool(options, _time);
        _spool.EnsureDirectories();
        _quarantine = new QuarantineStore(options, new NoCrashPoints());
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
}
