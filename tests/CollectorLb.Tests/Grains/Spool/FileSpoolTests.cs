using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using CollectorLb.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CollectorLb.Tests.Grains.Spool;

public sealed class FileSpoolTests : IDisposable
{
    private readonly TempDirectory _directory = new("spool");
    private readonly FileSpool _spool;

    public FileSpoolTests()
    {
        _spool = new FileSpool(
            Microsoft.Extensions.Options.Options.Create(new SpoolOptions { FlowDirectory = _directory.Path, HostId = "host-a" }),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 40, 0, TimeSpan.Zero)));
        _spool.EnsureDirectories();
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void TryClaim_CompletedFile_MovesItIntoTheSpoolUnderItsOwnName()
    {
        var content = FlowFiles.Distinct(1);
        var path = FlowFiles.RenameInto(_directory.Path, "nfcapd.202611270440", content);

        var key = _spool.TryClaim(path);

        Assert.NotNull(key);
        Assert.Equal("host-a", key.HostId);
        Assert.Equal("nfcapd.202611270440", key.FileName);
        Assert.False(File.Exists(path));
        Assert.Equal(content, File.ReadAllBytes(_spool.PathOf(key)));
    }

    [Fact]
    public void TryClaim_SameNameWrittenTwice_GivesTwoKeysAndKeepsBothFiles()
    {
        var first = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.202611270440", FlowFiles.Distinct(1)));
        var second = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.202611270440", FlowFiles.Distinct(2)));

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(FlowFiles.Distinct(1), File.ReadAllBytes(_spool.PathOf(first)));
        Assert.Equal(FlowFiles.Distinct(2), File.ReadAllBytes(_spool.PathOf(second)));
    }

    [Fact]
    public void TryClaim_FileAlreadyGone_ReturnsNullAndLeavesNoClaimFolder()
    {
        Assert.Null(_spool.TryClaim(Path.Combine(_directory.Path, "nfcapd.gone")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spool.InflightDirectory));
    }

    [Fact]
    public void TryClaim_255ByteName_Works()
    {
        var name = new string('x', 255);
        var key = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, name, [1, 2, 3]));

        Assert.NotNull(key);
        Assert.Equal(name, key.FileName);
        Assert.True(File.Exists(_spool.PathOf(key)));
    }

    [Fact]
    public void EnumerateClaimed_FilesLeftFromBefore_AreAllFound()
    {
        var keys = Enumerable.Range(0, 3)
            .Select(i => _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, $"nfcapd.{i}", FlowFiles.Distinct(i)))!)
            .ToHashSet();

        Assert.Equal(keys, _spool.EnumerateClaimed().ToHashSet());
    }

    [Fact]
    public void Delete_ClaimedFile_RemovesFileAndClaimFolder()
    {
        var key = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", FlowFiles.Distinct(1)))!;

        _spool.Delete(key);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_spool.InflightDirectory));
    }

    [Fact]
    public void PathOf_KeyOfAnotherHost_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => _spool.PathOf(new CollectorLb.Abstractions.Files.FileKey("host-b", "c", "f")));
    }
}
