using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Paths;

namespace CollectorLb.IntegrationTests.Silo.Watching;

/// <summary>
/// A rename into the flow directory is atomic, so the file is complete the moment it appears: it is claimed at once,
/// wherever it came from. Only a file written in place waits for <c>Watcher:StableSeconds</c>. The settle time and
/// the rescan period here are long, so only the watcher's rename events can explain a quick claim.
/// </summary>
public class RenameDetectionTests(ITestOutputHelper output)
{
    private const double StableSeconds = 4;

    private static readonly HarnessOptions SlowSettleAndRescan = new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["CollectorLb:Watcher:StableSeconds"] = "4",
            ["CollectorLb:Watcher:RescanSeconds"] = "600",
        },
    };

    [Fact]
    public async Task FilesMovedInFromAnotherDirectory_AreClaimedAtOnce()
    {
        using var elsewhere = new TempDirectory("elsewhere");
        await using var harness = await CollectorHarness.StartAsync(SlowSettleAndRescan);
        var latencies = new List<TimeSpan>();
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < 5; i++)
        {
            var name = $"nfcapd.2026112704{i:D2}";
            var source = Path.Combine(elsewhere.Path, name);
            File.WriteAllBytes(source, FlowFiles.Distinct(i));
            expected[name] = FlowFiles.Sha256(FlowFiles.Distinct(i));

            // As `mv` or rsync's --temp-dir: written elsewhere on the same filesystem, then renamed in.
            var target = Path.Combine(harness.FlowDirectory, name);
            var clock = Stopwatch.StartNew();
            File.Move(source, target);
            latencies.Add(await TimeUntilClaimedAsync(target, clock));
        }

        await harness.WaitUntilDeliveredAsync(expected);
        output.WriteLine($"moved in -> claimed: {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0.0} ms"))}; median {latencies.Order().ElementAt(latencies.Count / 2).TotalMilliseconds:0.0} ms");

        // Generous: far below the settle time the watcher would otherwise wait, far above a busy machine's scheduling.
        Assert.All(latencies, latency => Assert.True(latency < TimeSpan.FromSeconds(StableSeconds / 2), $"claimed after {latency.TotalMilliseconds:0} ms"));
    }

    [Fact]
    public async Task FileRenamedWithinTheDirectory_AsNfcapdRotates_IsClaimedAtOnce()
    {
        await using var harness = await CollectorHarness.StartAsync(SlowSettleAndRescan);
        var current = Path.Combine(harness.FlowDirectory, "nfcapd.current.4242");
        File.WriteAllBytes(current, FlowFiles.Distinct(7));

        var target = Path.Combine(harness.FlowDirectory, "nfcapd.202611270410");
        var clock = Stopwatch.StartNew();
        File.Move(current, target);
        var latency = await TimeUntilClaimedAsync(target, clock);

        await harness.WaitUntilDeliveredAsync(new Dictionary<string, string> { ["nfcapd.202611270410"] = FlowFiles.Sha256(FlowFiles.Distinct(7)) });
        output.WriteLine($"rotated -> claimed: {latency.TotalMilliseconds:0.0} ms");
        Assert.True(latency < TimeSpan.FromSeconds(StableSeconds / 2), $"claimed after {latency.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task FileWrittenInPlace_IsClaimedOnlyOnceItsSizeSettled()
    {
        await using var harness = await CollectorHarness.StartAsync(SlowSettleAndRescan);
        var path = Path.Combine(harness.FlowDirectory, "nfcapd.202611270420");
        var content = FlowFiles.Distinct(3);
        var clock = Stopwatch.StartNew();
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            // Written in two parts, closed in between as a copy tool might.
            await file.WriteAsync(content.AsMemory(0, content.Length / 2));
        }

        await using (var file = new FileStream(path, FileMode.Append, FileAccess.Write))
        {
            await file.WriteAsync(content.AsMemory(content.Length / 2));
        }

        var lastWrite = clock.Elapsed;
        var claimedAfter = await TimeUntilClaimedAsync(path, clock, TimeSpan.FromSeconds(60));

        await harness.WaitUntilDeliveredAsync(new Dictionary<string, string> { ["nfcapd.202611270420"] = FlowFiles.Sha256(content) });
        output.WriteLine($"written in place -> claimed {(claimedAfter - lastWrite).TotalSeconds:0.00} s after the last write (settle time {StableSeconds} s)");

        // A lower bound only: the watcher must not take a file that may still grow before it settled.
        Assert.True(claimedAfter - lastWrite >= TimeSpan.FromSeconds(StableSeconds - 0.5), $"claimed {(claimedAfter - lastWrite).TotalSeconds:0.00} s after the last write");
    }

    /// <summary>The file leaves the flow directory when it is claimed; polled every millisecond, so the time is close.</summary>
    private static async Task<TimeSpan> TimeUntilClaimedAsync(string path, Stopwatch clock, TimeSpan? timeout = null)
    {
        var deadline = timeout ?? TimeSpan.FromSeconds(30);
        while (File.Exists(path))
        {
            Assert.True(clock.Elapsed < deadline, $"{Path.GetFileName(path)} not claimed within {deadline.TotalSeconds} s");
            await Task.Delay(1);
        }

        return clock.Elapsed;
    }
}
