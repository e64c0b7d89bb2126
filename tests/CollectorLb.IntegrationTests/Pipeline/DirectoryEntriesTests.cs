using CollectorLb.Silo.Watching;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Pipeline;

public class DirectoryEntriesTests
{
    [Fact]
    public async Task EntriesThatAreNotCompletedFlowFiles_AreNeverSent()
    {
        using var outside = new TempDirectory("outside");
        await using var harness = await CollectorHarness.StartAsync();
        var flow = harness.FlowDirectory;
        File.WriteAllBytes(Path.Combine(flow, "nfcapd.current.4242"), FlowFiles.Distinct(1));
        File.WriteAllBytes(Path.Combine(flow, ".hidden"), FlowFiles.Distinct(2));
        File.WriteAllBytes(Path.Combine(flow, "nfcapd.202611270440.nfstat"), [1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(flow, "nfcapd.202611270441"));
        var target = Path.Combine(outside.Path, "real");
        File.WriteAllBytes(target, FlowFiles.Distinct(3));
        File.CreateSymbolicLink(Path.Combine(flow, "nfcapd.202611270442"), target);
        Assert.Equal(0, MakeFifo(Path.Combine(flow, "nfcapd.202611270443")));

        // A real file renamed in after the others proves the watcher has looked at the directory meanwhile.
        var real = harness.DropFiles(1, prefix: "nfcapd.20261127045");
        await harness.WaitUntilDeliveredAsync(real);
        var watcher = harness.SiloServices.GetRequiredService<DirectoryWatcher>();
        var scansBefore = watcher.CompletedScans;
        await Eventually.TrueAsync(() => watcher.CompletedScans >= scansBefore + 2, () => "two more rescans");

        Assert.Equal(real.Keys, harness.AllReceived.Select(r => r.FileName));
        Assert.True(File.Exists(Path.Combine(flow, "nfcapd.current.4242")));
        Assert.True(File.Exists(Path.Combine(flow, ".hidden")));
        Assert.True(Directory.Exists(Path.Combine(flow, "nfcapd.202611270441")));
        Assert.NotNull(new FileInfo(Path.Combine(flow, "nfcapd.202611270442")).LinkTarget);
        Assert.True(File.Exists(target));
        Assert.True(File.Exists(Path.Combine(flow, "nfcapd.202611270443")));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int mode = 0x1A4);
}
