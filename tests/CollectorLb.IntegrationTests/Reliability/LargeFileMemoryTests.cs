using CollectorLb.IntegrationTests.TestSupport;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

/// <summary>
/// Memory while a huge file streams through, measured as the test process's working set: the test runs alone
/// (<see cref="AloneCollection"/>), so what another test allocates meanwhile is not counted as ours.
/// </summary>
[Collection(AloneCollection.Name)]
public class LargeFileMemoryTests
{
    [Fact]
    public async Task SparseFileOf2GiB_IsStreamedWithFlatMemory()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorCount = 1,
            Settings = new Dictionary<string, string?> { ["CollectorLb:Upload:TimeoutSeconds"] = "600" },
        });
        var staging = Path.Combine(harness.FlowDirectory, ".staging-sparse");
        using (var file = new FileStream(staging, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(FlowFiles.Sample(FlowFiles.SmallSample));
            file.SetLength(2L * 1024 * 1024 * 1024);
        }

        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var peak = baseline;
        File.Move(staging, Path.Combine(harness.FlowDirectory, "nfcapd.202611270501"));
        await Eventually.TrueAsync(
            () =>
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                return harness.Connectors[0].Received.Count == 1;
            },
            () => "2 GiB delivered",
            TimeSpan.FromMinutes(5));

        Assert.Equal(2L * 1024 * 1024 * 1024, harness.Connectors[0].Received.Single().Length);
        Assert.True(peak - baseline < 256L * 1024 * 1024, $"working set grew by {(peak - baseline) / 1048576} MiB while 2 GiB went through");
        File.Delete(harness.Connectors[0].Received.Single().StoredPath);
    }
}
