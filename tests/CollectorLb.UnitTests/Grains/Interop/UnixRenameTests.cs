using CollectorLb.Grains.Interop;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Paths;

namespace CollectorLb.UnitTests.Grains.Interop;

public sealed class UnixRenameTests : IDisposable
{
    private readonly TempDirectory _directory = new("rename");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Move_ToAFreeName_LeavesOneNameWithTheSameInode()
    {
        var from = _directory.Combine("a");
        var to = _directory.Combine("b");
        File.WriteAllBytes(from, [1, 2, 3]);

        UnixRename.Move(from, to);

        Assert.False(File.Exists(from));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(to));
    }

    [Fact]
    public void Move_OntoAnExistingName_IsRefusedAndReplacesNothing()
    {
        var from = _directory.Combine("a");
        var to = _directory.Combine("b");
        File.WriteAllBytes(from, [1]);
        File.WriteAllBytes(to, [2]);

        var refused = Assert.Throws<IOException>(() => UnixRename.Move(from, to));

        Assert.Equal((int)Errno.Eexist, refused.HResult);
        Assert.Equal([1], File.ReadAllBytes(from));
        Assert.Equal([2], File.ReadAllBytes(to));
    }

    [Fact]
    public void Move_ImmutableFile_FailsAndLeavesNoSecondName()
    {
        HostileEntries.RequireRoot("the immutable flag");
        var from = _directory.Combine("nfcapd.1");
        var to = _directory.Combine("claimed");
        File.WriteAllBytes(from, [1]);
        HostileEntries.SetImmutable(from);
        try
        {
            var refused = Assert.Throws<IOException>(() => UnixRename.Move(from, to));

            // File.Move would have linked the file to the new name and then failed to unlink the old one.
            Assert.Equal(HostileEntries.ImmutableErrno, refused.HResult);
            Assert.True(File.Exists(from));
            Assert.False(File.Exists(to));
        }
        finally
        {
            HostileEntries.ClearImmutable(from);
        }
    }

    [Fact]
    public void Move_MissingSource_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => UnixRename.Move(_directory.Combine("gone"), _directory.Combine("b")));
    }
}
