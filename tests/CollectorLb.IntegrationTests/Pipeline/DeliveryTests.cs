using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Pipeline;

public class DeliveryTests
{
    [Fact]
    public async Task RenamedFiles_200_AllArriveByteIdenticalAndNothingIsLeftOnDisk()
    {
        await using var harness = await CollectorHarness.StartAsync();

        var files = harness.DropFiles(200);
        await harness.WaitUntilDeliveredAsync(files);

        var received = harness.AllReceived.ToList();
        Assert.Equal(200, received.Count);
        foreach (var file in received)
        {
            Assert.Equal(files[file.FileName], file.Sha256Hex);
            Assert.Equal(files[file.FileName], FlowFiles.Sha256(file.StoredPath));
            Assert.Equal("application/octet-stream", file.ContentType);
            Assert.StartsWith($"{CollectorHarness.HostId}/", file.Headers["X-CollectorLb-File-Id"]);
        }

        Assert.All(harness.Connectors, c => Assert.NotEmpty(c.Received));
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => string.Join(", ", harness.FilesOnDisk()));
        Assert.Empty(harness.SpooledFiles());
    }

    [Fact]
    public async Task FilesPresentBeforeStart_AreDelivered()
    {
        var expected = new Dictionary<string, string>();
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            BeforeStart = flowDirectory =>
            {
                for (var i = 0; i < 5; i++)
                {
                    var content = FlowFiles.Distinct(i);
                    File.WriteAllBytes(Path.Combine(flowDirectory, $"nfcapd.20261127030{i}"), content);
                    expected[$"nfcapd.20261127030{i}"] = FlowFiles.Sha256(content);
                }

                // Claimed by an earlier run that stopped before delivering it.
                var leftover = FlowFiles.Distinct(99);
                FlowFiles.PlaceClaimed(flowDirectory, "20261127T030000000-1", "nfcapd.202611270259", leftover);
                expected["nfcapd.202611270259"] = FlowFiles.Sha256(leftover);
            },
        });

        await harness.WaitUntilDeliveredAsync(expected);

        Assert.Equal(expected.Count, harness.AllReceived.Count());
        Assert.All(harness.AllReceived, r => Assert.Equal(expected[r.FileName], r.Sha256Hex));
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => string.Join(", ", harness.FilesOnDisk()));
    }

    [Fact]
    public async Task ClaimsLeftFromBefore_NoPeriodicRescan_AreDeliveredByTheStartUpScan()
    {
        var expected = new Dictionary<string, string>();
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            // The start-up scan is the only one within the test: it alone must report what was claimed before.
            Settings = new Dictionary<string, string?> { ["CollectorLb:Watcher:RescanSeconds"] = "3600" },
            BeforeStart = flowDirectory =>
            {
                for (var i = 0; i < 3; i++)
                {
                    var content = FlowFiles.Distinct(i);
                    FlowFiles.PlaceClaimed(flowDirectory, $"20261127T03000000{i % 2}-1", $"nfcapd.20261127025{i}", content);
                    expected[$"nfcapd.20261127025{i}"] = FlowFiles.Sha256(content);
                }
            },
        });

        await harness.WaitUntilDeliveredAsync(expected);

        Assert.Equal(expected.Count, harness.AllReceived.Count());
        Assert.All(harness.AllReceived, r => Assert.Equal(expected[r.FileName], r.Sha256Hex));
        await Eventually.TrueAsync(() => harness.SpooledFiles().Count == 0, () => string.Join(", ", harness.SpooledFiles()));
    }

    [Fact]
    public async Task SameFileReportedByEventAndRescan_IsUploadedOnce()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            Settings = new Dictionary<string, string?> { ["CollectorLb:Watcher:RescanSeconds"] = "0.1" },
        });

        var files = harness.DropFiles(50);
        await harness.WaitUntilDeliveredAsync(files);
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => $"{harness.FilesOnDisk().Count} files on disk");

        var uploadsPerName = harness.AllReceived.GroupBy(r => r.FileName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(50, uploadsPerName.Count);
        Assert.All(uploadsPerName, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(50, harness.Connectors.Sum(c => c.RequestCount));
    }
}
