using CollectorLb.Grains.Interop;
using CollectorLb.Grains.Spool;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

/// <summary>A host short of descriptors (EMFILE) or memory makes files wait, never quarantines them.</summary>
public class HostTroubleTests
{
    [Fact]
    public async Task OutOfFileDescriptorsForAWhile_FilesAreDeliveredNotQuarantined()
    {
        var opener = new FailingOpener(failures: 12, hresult: (int)Errno.Emfile);
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            // One failure counted against a file would quarantine it.
            Settings = new Dictionary<string, string?> { ["CollectorLb:Delivery:MaxAttempts"] = "1" },
            ConfigureSilo = silo => silo.Services.AddSingleton<IFileOpener>(opener),
        });

        var files = harness.DropFiles(4);
        await harness.WaitUntilDeliveredAsync(files);

        Assert.Equal(12, opener.Failed);
        Assert.Empty(harness.Quarantined());
        Assert.All(harness.AllReceived, r => Assert.Equal(files[r.FileName], r.Sha256Hex));
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => "directory empty: " + string.Join(", ", harness.FilesOnDisk()));
    }

    /// <summary>Fails the first opens with an IOException carrying an errno, as the host does when it runs short.</summary>
    private sealed class FailingOpener(int failures, int hresult) : IFileOpener
    {
        private int _left = failures;
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public FileStream OpenRead(string path)
        {
            if (Interlocked.Decrement(ref _left) >= 0)
            {
                Interlocked.Increment(ref _failed);
                throw new IOException("Too many open files (injected)", hresult);
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.Asynchronous);
        }
    }
}
