using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Cli;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;

namespace CollectorLb.IntegrationTests.Cli;

/// <summary>Paging, forged input and bulk requeue through the CLI's commands, against files quarantined for real.</summary>
public class CliQuarantineTests(QuarantineUnderTest quarantine) : IClassFixture<QuarantineUnderTest>
{
    private IClusterViewGrain View => quarantine.Harness.Client.GetClusterView();

    [Fact]
    public async Task QuarantineListJson_WalkedWithAfter_VisitsEveryFileOnceInFileNameHostSlotOrder()
    {
        var expected = quarantine.QuarantinedInListingOrder().Select(q => q.Key).ToList();

        var keys = await WalkAsync(limit: 7);

        Assert.Equal(expected, keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var twice = keys.Where(k => k.EndsWith("/" + QuarantineUnderTest.Twice, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, twice.Count);

        var empty = await WalkAsync(limit: 3, "--reason", "EMPTY file");
        Assert.Equal(expected.Where(k => quarantine.EmptyNames.Any(n => k.EndsWith("/" + n, StringComparison.Ordinal))), empty);

        var table = await quarantine.RunAsync("quarantine", "list", "--limit", "5");
        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.Contains($"5 shown; {expected.Count} quarantined in all ({CollectorHarness.HostId}: {expected.Count})", table.Output);
        Assert.Contains("next page: --after ", table.Output);
    }

    [Fact]
    public async Task Requeue_ForgedKeysAndNames_AreRefusedWithAClearMessage_AndNothingIsTouched()
    {
        var before = quarantine.QuarantinedInListingOrder().Select(q => q.Key).ToList();
        var onDisk = quarantine.Harness.FilesOnDisk().Order(StringComparer.Ordinal).ToList();

        foreach (var forged in new[] { "../../etc/passwd", $"{CollectorHarness.HostId}/../{QuarantineUnderTest.Twice}", $"{CollectorHarness.HostId}/claim/..", new string('k', 100_000) })
        {
            var run = await quarantine.RunAsync("requeue", forged);
            Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
            Assert.Contains("Refused: ", run.Error);
        }

        // The cluster refuses them itself, whoever calls it.
        foreach (var forged in new[] { "../../etc/passwd", $"{CollectorHarness.HostId}/./x", $"{CollectorHarness.HostId}/c/nfcapd\0", "nfcapd\0", new string('k', 1_000_000) })
        {
            var answer = await View.Requeue(forged);
            Assert.Equal(RequeueOutcome.Invalid, answer.Outcome);
            Assert.StartsWith("Refused: ", answer.Message);
            Assert.True(answer.Message.Length < 300, answer.Message);
        }

        var host = quarantine.Harness.Client.GetGrain<IHostGrain>(CollectorHarness.HostId);
        Assert.Equal(RequeueOutcome.Invalid, (await host.Requeue($"{CollectorHarness.HostId}/../{QuarantineUnderTest.Twice}")).Outcome);
        Assert.NotNull((await View.RequeueAll(new BulkRequeueRequest { Filter = new RequeueFilter { HostId = "../x" } })).Refusal);
        Assert.NotNull((await View.RequeueAll(new BulkRequeueRequest { Filter = new RequeueFilter { Reason = new string('r', 10_000) } })).Refusal);
        Assert.NotNull((await View.RequeueAll(new BulkRequeueRequest { Continuation = "forged" })).Refusal);
        await Assert.ThrowsAsync<ArgumentException>(() => View.GetQuarantine(new QuarantineQuery { After = "forged" }));
        var badCursor = await quarantine.RunAsync("quarantine", "list", "--after", "forged");
        Assert.True(badCursor.ExitCode == ExitCodes.Usage, badCursor.ToString());
        Assert.Contains("the cursor 'forged' cannot be read", badCursor.Error);

        Assert.Equal(before, quarantine.QuarantinedInListingOrder().Select(q => q.Key));
        Assert.Equal(onDisk, quarantine.Harness.FilesOnDisk().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RequeueAll_WithAReason_RequeuesOnlyTheFilesItSelects_TheyAreDeliveredAndTheOthersStay()
    {
        // The operator repairs the empty files in place, then releases every file quarantined as empty.
        var repaired = new Dictionary<string, string>();
        for (var i = 0; i < quarantine.EmptyNames.Count; i++)
        {
            var content = FlowFiles.Distinct(700 + i);
            await File.WriteAllBytesAsync(Path.Combine(quarantine.Harness.QuarantineDirectory, quarantine.EmptyNames[i]), content);
            repaired[quarantine.EmptyNames[i]] = FlowFiles.Sha256(content);
        }

        var run = await quarantine.RunAsync("requeue", "--all", "--host", CollectorHarness.HostId, "--reason", "EMPTY FILE");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains($"{QuarantineUnderTest.Empty} files requeued, 0 refused", run.Output);
        await quarantine.Harness.WaitUntilDeliveredAsync(repaired);
        var received = quarantine.Harness.AllReceived.Where(r => repaired.ContainsKey(r.FileName)).ToList();
        Assert.All(received, r => Assert.Equal(repaired[r.FileName], r.Sha256Hex));
        var left = quarantine.Harness.Quarantined().Select(q => q.FileName).ToList();
        Assert.Empty(left.Intersect(quarantine.EmptyNames));
        Assert.Equal(QuarantineUnderTest.Garbage + 2, left.Count);

        var again = await quarantine.RunAsync("requeue", "--all", "--reason", "empty file", "--json");
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        using var json = JsonDocument.Parse(again.Output);
        Assert.Equal(0, json.RootElement.GetProperty("tally").GetProperty("requeued").GetInt64());
    }

    /// <summary>Every page of <c>quarantine list --json</c>, following <c>next</c>; the keys in the order shown.</summary>
    private async Task<List<string>> WalkAsync(int limit, params string[] filter)
    {
        var keys = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            string[] args = ["quarantine", "list", "--json", "--limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture), .. filter];
            var run = await quarantine.RunAsync(after is null ? args : [.. args, "--after", after]);
            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            using var page = JsonDocument.Parse(run.Output);
            var items = page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
            Assert.True(items.Count <= limit);
            keys.AddRange(items);
            after = page.RootElement.GetProperty("next").GetString();
            if (after is null)
            {
                return keys;
            }
        }

        throw new InvalidOperationException("the walk did not end");
    }
}
