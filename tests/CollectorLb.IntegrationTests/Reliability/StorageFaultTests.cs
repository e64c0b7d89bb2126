using System.Text.RegularExpressions;
using CollectorLb.Abstractions.Connectors;
using CollectorLb.Testing.Fakes;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

/// <summary>
/// Storage blips (a Redis restart, a lost answer) never wedge a file's grain, never leak a lease and never count an
/// attempt that did not upload: once storage is back, every file is delivered, once.
/// </summary>
public class StorageFaultTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WritesFailingForAWhile_EveryFileDeliveredOnce_NoLeaseOutstanding(bool appliedThenFailed)
    {
        var storage = new FaultyGrainStorage();
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { ConfigureSilo = storage.InstallOn });
        const int faults = 25;
        if (appliedThenFailed)
        {
            storage.ApplyThenFailNextWrites(faults);
        }
        else
        {
            storage.FailNextWrites(faults);
        }

        var files = harness.DropFiles(20);
        await harness.WaitUntilDeliveredAsync(files);
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => "directory empty: " + string.Join(", ", harness.FilesOnDisk()));
        Assert.Equal(faults, storage.Faults);

        // Attempts equal real uploads: connectors that take every file saw one upload per file, each sent at attempt 1.
        Assert.Equal(files.Count, harness.Connectors.Sum(c => c.RequestCount));
        Assert.All(harness.AllReceived, r => Assert.Equal(files[r.FileName], r.Sha256Hex));
        var sentLines = harness.Log.Messages.Where(m => m.StartsWith("sent ", StringComparison.Ordinal)).ToList();
        Assert.Equal(files.Count, sentLines.Count);
        Assert.All(sentLines, line => Assert.EndsWith("(attempt 1)", line));

        var pool = await harness.Client.GetGrain<IConnectorPoolGrain>(harness.RegistryUrl).GetSnapshot();
        Assert.Equal(0, pool.LeasesOutstanding);
        Assert.Empty(harness.Quarantined());
        output.WriteLine($"{faults} storage faults ({(appliedThenFailed ? "applied, then failed" : "failed")}); {files.Count} files, {harness.Connectors.Sum(c => c.RequestCount)} uploads; " +
            $"{harness.Log.Messages.Count(m => Regex.IsMatch(m, "crashed|written although"))} attempts retried after a fault");
    }
}
