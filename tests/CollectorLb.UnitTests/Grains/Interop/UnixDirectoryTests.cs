using CollectorLb.Grains.Interop;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Paths;

namespace CollectorLb.UnitTests.Grains.Interop;

public sealed class UnixDirectoryTests : IDisposable
{
    private readonly TempDirectory _directory = new("listing");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void List_EveryKindOfEntry_WithTheKindTheKernelReports()
    {
        File.WriteAllBytes(_directory.Combine("file"), [1]);
        Directory.CreateDirectory(_directory.Combine("folder"));
        File.CreateSymbolicLink(_directory.Combine("link"), "file");
        HostileEntries.MakeFifo(_directory.Combine("fifo"));
        File.WriteAllBytes(_directory.Combine("ünïcødé 流"), [1]);

        var entries = UnixDirectory.List(_directory.Path).ToDictionary(e => e.Name);

        Assert.Equal(5, entries.Count);
        Assert.All(entries.Values, e => Assert.True(e.NameIsUtf8));
        Assert.Equal(UnixFileKind.Regular, entries["file"].Kind);
        Assert.Equal(UnixFileKind.Directory, entries["folder"].Kind);
        Assert.Equal(UnixFileKind.SymbolicLink, entries["link"].Kind);
        Assert.Equal(UnixFileKind.Other, entries["fifo"].Kind);
        Assert.Equal(UnixFileKind.Regular, entries["ünïcødé 流"].Kind);
    }

    [Fact]
    public void List_NameThatIsNotUtf8_IsListedInAPrintableFormAndFlagged()
    {
        HostileEntries.CreateWithRawName(_directory.Path, [.. "nfcapd."u8, 0xFF, 0xFE, (byte)'1'], [1]);

        var entry = Assert.Single(UnixDirectory.List(_directory.Path));

        Assert.False(entry.NameIsUtf8);
        Assert.Equal("nfcapd.\\xFF\\xFE1", entry.Name);

        // .NET's own listing turns it into a name that does not exist.
        var decoded = Assert.Single(Directory.GetFiles(_directory.Path));
        Assert.False(File.Exists(decoded));
    }

    [Fact]
    public void List_MissingDirectory_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => UnixDirectory.List(_directory.Combine("gone")));
    }
}
