using CollectorLb.Grains.Interop;
using CollectorLb.Grains.Spool;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Paths;

namespace CollectorLb.UnitTests.Grains.Spool;

public sealed class FileOpenerTests : IDisposable
{
    private readonly TempDirectory _directory = new("opener");
    private readonly FileOpener _opener = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpenRead_RegularFile_ReadsItsBytes()
    {
        var path = _directory.Combine("nfcapd.1");
        File.WriteAllBytes(path, FlowFiles.Distinct(1));

        await using var stream = _opener.OpenRead(path);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(FlowFiles.Distinct(1), copy.ToArray());
    }

    [Fact]
    public void OpenRead_SymbolicLink_IsRefusedWithEloop()
    {
        var target = _directory.Combine("elsewhere");
        File.WriteAllBytes(target, [1, 2, 3]);
        var link = _directory.Combine("nfcapd.1");
        File.CreateSymbolicLink(link, target);

        var refused = Assert.Throws<IOException>(() => _opener.OpenRead(link));

        Assert.Equal((int)Errno.Eloop, refused.HResult);
    }

    [Fact]
    public async Task OpenRead_Fifo_IsRefusedAtOnceInsteadOfBlocking()
    {
        var fifo = _directory.Combine("nfcapd.1");
        HostileEntries.MakeFifo(fifo);

        // A blocking open of a FIFO waits for a writer that never comes: the deadline tells a hang from a refusal.
        var open = Task.Run(() => _opener.OpenRead(fifo));
        var refused = await Assert.ThrowsAnyAsync<IOException>(() => open.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal((int)Errno.Enxio, refused.HResult);
        Assert.Contains("not a regular file", refused.Message);
    }

    [Fact]
    public void OpenRead_Directory_IsRefusedWithEisdir()
    {
        var refused = Assert.Throws<IOException>(() => _opener.OpenRead(_directory.Path));

        Assert.Equal((int)Errno.Eisdir, refused.HResult);
    }

    [Fact]
    public void OpenRead_MissingFile_ThrowsFileNotFoundWithEnoent()
    {
        var refused = Assert.Throws<FileNotFoundException>(() => _opener.OpenRead(_directory.Combine("gone")));

        Assert.Equal((int)Errno.Enoent, refused.HResult);
    }
}
