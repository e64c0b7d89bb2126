using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Paths;

namespace CollectorLb.UnitTests.Grains.Spool;

public sealed class FileSpoolTests : IDisposable
{
    private readonly TempDirectory _directory = new("spool");
    private readonly FileSpool _spool;

    public FileSpoolTests()
    {
        _spool = NewSpool();
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
    public void TryClaim_FileAlreadyGone_ReturnsNullAndClaimsNothing()
    {
        Assert.Null(_spool.TryClaim(Path.Combine(_directory.Path, "nfcapd.gone")));
        Assert.Empty(_spool.EnumerateClaimed());
        Assert.Equal(0, _spool.ClaimedCount);
    }

    [Fact]
    public void TryClaim_ManyFiles_ShareClaimFoldersOfDistinctNames()
    {
        var keys = Enumerable.Range(0, FileSpool.ClaimsPerFolder + 1)
            .Select(i => _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, $"nfcapd.{i}", [1]))!)
            .ToList();

        Assert.Equal(2, keys.Select(k => k.ClaimId).Distinct().Count());
        Assert.Equal(FileSpool.ClaimsPerFolder + 1, _spool.ClaimedCount);
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
    public void EnumerateClaimed_EmptyClaimFolders_RemovesLeftoversButKeepsTheCurrentOne()
    {
        var leftover = Directory.CreateDirectory(Path.Combine(_spool.InflightDirectory, "20261127T000000000-0")).FullName;
        var key = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", [1]))!;
        _spool.Delete(key);

        Assert.Empty(_spool.EnumerateClaimed());

        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(Path.Combine(_spool.InflightDirectory, key.ClaimId)));
    }

    [Fact]
    public void Delete_ClaimedFile_RemovesItAndEndsTheClaim()
    {
        var key = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", FlowFiles.Distinct(1)))!;
        var released = 0;
        _spool.ClaimReleased += () => released++;

        _spool.Delete(key);

        Assert.Empty(Directory.EnumerateFiles(_spool.InflightDirectory, "*", SearchOption.AllDirectories));
        Assert.Equal(0, _spool.ClaimedCount);
        Assert.Equal(1, released);
    }

    [Fact]
    public void Delete_FileRemovedBySomeoneElseDuringItsUpload_StillEndsTheClaim()
    {
        var key = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", FlowFiles.Distinct(1)))!;
        File.Delete(_spool.PathOf(key));

        _spool.Delete(key);

        Assert.Equal(0, _spool.ClaimedCount);
    }

    [Fact]
    public void IsClaimed_ClaimedThenDeleted_TrueThenFalse()
    {
        var key = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", FlowFiles.Distinct(1)))!;
        Assert.True(_spool.IsClaimed(key));

        _spool.Delete(key);

        Assert.False(_spool.IsClaimed(key));
    }

    [Fact]
    public void Delete_SameFileTwice_EndsTheClaimOnce()
    {
        var deleted = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", FlowFiles.Distinct(1)))!;
        _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.2", FlowFiles.Distinct(2)));
        var released = 0;
        _spool.ClaimReleased += () => released++;

        _spool.Delete(deleted);
        _spool.Delete(deleted);

        Assert.Equal(1, _spool.ClaimedCount);
        Assert.Equal(1, released);
    }

    [Fact]
    public void Delete_LastFileOfAnEarlierClaimFolder_RemovesThatFolder()
    {
        var first = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", [1]))!;
        var second = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", [2]))!;

        _spool.Delete(first);

        Assert.False(Directory.Exists(Path.Combine(_spool.InflightDirectory, first.ClaimId)));
        Assert.True(File.Exists(_spool.PathOf(second)));
    }

    [Fact]
    public void Restore_FileBackFromQuarantine_IsCountedAsClaimedUntilItIsDeleted()
    {
        var requeued = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", [1]))!;
        var other = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", [2]))!;
        var quarantined = Path.Combine(_directory.Path, "quarantined");
        File.Move(_spool.PathOf(requeued), quarantined);
        _spool.RemoveClaim(requeued);

        _spool.Restore(requeued, quarantined);

        Assert.Equal(2, _spool.ClaimedCount);
        _spool.Delete(requeued);
        Assert.Equal(1, _spool.ClaimedCount);
        Assert.False(Directory.Exists(Path.Combine(_spool.InflightDirectory, requeued.ClaimId)));
        Assert.True(File.Exists(_spool.PathOf(other)));
    }

    [Fact]
    public void MarkAttempted_ClaimedFile_IsSeenAfterARestart()
    {
        var key = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", [1]))!;
        Assert.False(_spool.WasAttempted(key));

        _spool.MarkAttempted(key);
        var restarted = NewSpool();

        Assert.Equal([key], restarted.RecoverClaims());
        Assert.True(restarted.WasAttempted(key));
    }

    [Fact]
    public void WasAttempted_MarkerFileLeftFromBefore_IsSeenOnceTheSpoolIsListed()
    {
        // What a run on a filesystem without user attributes leaves: a hidden marker file beside the claimed file.
        var key = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.2", [2]))!;
        var path = _spool.PathOf(key);
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(path)!, $".{key.FileName}.attempted"), []);
        var restarted = NewSpool();

        // Until a listing found a marker file, this spool looks only at the attribute (no stat per file for nothing).
        Assert.False(restarted.WasAttempted(key));
        Assert.Equal([key], restarted.RecoverClaims());
        Assert.True(restarted.WasAttempted(key));

        // What one spool learned from its listing is its own: the other has listed nothing.
        Assert.False(_spool.WasAttempted(key));
    }

    [Fact]
    public void PathOf_KeyOfAnotherHost_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => _spool.PathOf(new FileKey("host-b", "c", "f")));
    }

    [Fact]
    public void PathOf_AnyValidKey_IsUnderTheSpool()
    {
        var path = _spool.PathOf(new FileKey("host-a", "...", "..name"));

        Assert.StartsWith(_spool.InflightDirectory + "/", path);
        Assert.Equal(Path.Combine(_spool.InflightDirectory, "...", "..name"), path);
    }

    [Fact]
    public void TryClaim_ImmutableFile_ThrowsAndTheFileStaysWhereItIsUnderOneName()
    {
        HostileEntries.RequireRoot("the immutable flag");
        var path = FlowFiles.RenameInto(_directory.Path, "nfcapd.202611270440", FlowFiles.Distinct(1));
        HostileEntries.SetImmutable(path);
        try
        {
            var refused = Assert.Throws<IOException>(() => _spool.TryClaim(path));

            Assert.Equal(HostileEntries.ImmutableErrno, refused.HResult);
            Assert.True(File.Exists(path));
            Assert.Empty(Directory.EnumerateFiles(_spool.InflightDirectory, "*", SearchOption.AllDirectories));
            Assert.Equal(0, _spool.ClaimedCount);

            // The next file is claimed as usual.
            Assert.NotNull(_spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.202611270441", FlowFiles.Distinct(2))));
        }
        finally
        {
            HostileEntries.ClearImmutable(path);
        }
    }

    [Fact]
    public void TryClaim_NameTakenInTheClaimFolderBySomeoneElse_ClaimsIntoAFreshFolderAndReplacesNothing()
    {
        var first = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", [1]))!;
        var planted = Path.Combine(_spool.InflightDirectory, first.ClaimId, "nfcapd.2");
        File.WriteAllBytes(planted, [9]);

        var second = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.2", [2]));

        Assert.NotNull(second);
        Assert.NotEqual(first.ClaimId, second.ClaimId);
        Assert.Equal([9], File.ReadAllBytes(planted));
        Assert.Equal([2], File.ReadAllBytes(_spool.PathOf(second)));
    }

    [Fact]
    public void TryClaim_ClaimFolderRemovedBySomeoneElse_ClaimsIntoAFreshFolder()
    {
        var first = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", [1]))!;
        Directory.Delete(Path.Combine(_spool.InflightDirectory, first.ClaimId), recursive: true);

        var second = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.2", [2]));

        Assert.NotNull(second);
        Assert.Equal([2], File.ReadAllBytes(_spool.PathOf(second)));
    }

    [Fact]
    public void EnumerateClaimed_PlantedLinksFifosAndOddNames_AreNotClaimedFiles()
    {
        using var outside = new TempDirectory("outside");
        File.WriteAllBytes(Path.Combine(outside.Path, "nfcapd.202611270440"), FlowFiles.Distinct(9));
        var real = _spool.TryClaim(FlowFiles.RenameInto(_directory.Path, "nfcapd.1", FlowFiles.Distinct(1)))!;
        Directory.CreateSymbolicLink(Path.Combine(_spool.InflightDirectory, "20261127T000000000-9"), outside.Path);
        var folder = Directory.CreateDirectory(Path.Combine(_spool.InflightDirectory, "20261127T000000000-8")).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "nfcapd.2"), Path.Combine(outside.Path, "nfcapd.202611270440"));
        HostileEntries.MakeFifo(Path.Combine(folder, "nfcapd.3"));
        HostileEntries.CreateWithRawName(folder, [.. "nfcapd.4"u8, 0xFF], [1]);
        Directory.CreateDirectory(Path.Combine(_spool.InflightDirectory, "bad\nfolder"));

        Assert.Equal([real], _spool.EnumerateClaimed());
        Assert.False(_spool.IsOnDisk(new FileKey("host-a", "20261127T000000000-9", "nfcapd.202611270440")));
        Assert.False(_spool.IsOnDisk(new FileKey("host-a", "20261127T000000000-8", "nfcapd.2")));
        Assert.False(_spool.IsOnDisk(new FileKey("host-a", "20261127T000000000-8", "nfcapd.3")));
        Assert.True(_spool.IsOnDisk(real));
        Assert.True(File.Exists(Path.Combine(outside.Path, "nfcapd.202611270440")));
    }

    [Fact]
    public void EnsureDirectories_SpoolReplacedByALink_IsRefused()
    {
        using var outside = new TempDirectory("outside");
        using var directory = new TempDirectory("linked-spool");
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, FileSpool.InflightFolderName), outside.Path);
        var options = Microsoft.Extensions.Options.Options.Create(new SpoolOptions { FlowDirectory = directory.Path });
        var identity = Microsoft.Extensions.Options.Options.Create(new HostIdentityOptions { HostId = "host-a" });
        var spool = new FileSpool(options, identity, TimeProvider.System, new FileOpener(), new QuarantineStore(options, identity, new NoCrashPoints()));

        var refused = Assert.Throws<IOException>(spool.EnsureDirectories);

        Assert.Contains("not a directory", refused.Message);
    }

    private FileSpool NewSpool()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SpoolOptions { FlowDirectory = _directory.Path });
        var identity = Microsoft.Extensions.Options.Options.Create(new HostIdentityOptions { HostId = "host-a" });
        return new FileSpool(
            options,
            identity,
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 40, 0, TimeSpan.Zero)),
            new FileOpener(),
            new QuarantineStore(options, identity, new NoCrashPoints()));
    }
}
