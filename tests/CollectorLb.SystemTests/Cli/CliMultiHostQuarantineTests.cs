using CollectorLb.Cli;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Cli;

public class CliMultiHostQuarantineTests
{
    private const int PerHost = 12;

    [Fact]
    public async Task ThreeHosts_QuarantineListMergesTheirFilesInOrder_AndRequeueAllForOneHostThenForAllDeliversEveryFile()
    {
        await using var harness = await RedisClusterHarness.StartAsync(hostCount: 3);
        var names = Enumerable.Range(0, PerHost).Select(i => $"nfcapd.2026112708{i:D2}").ToList(); // the same names on every host
        foreach (var host in harness.Hosts)
        {
            Directory.CreateDirectory(host.FlowDirectory);
            foreach (var name in names)
            {
                FlowFiles.RenameInto(host.FlowDirectory, name, "this is not an nfcapd file"u8.ToArray());
            }
        }

        await Eventually.TrueAsync(() => harness.Hosts.All(h => Quarantined(h).Count == PerHost), "every host quarantined its files");
        var expected = harness.Hosts.SelectMany(h => Quarantined(h).Select(q => (Position: QuarantineOnDisk.PositionOf(q, Path.Combine(h.FlowDirectory, "quarantine")), q.Key)))
            .OrderBy(e => e.Position)
            .Select(e => e.Key)
            .ToList();

        var keys = await WalkAsync(harness, limit: 5);

        Assert.Equal(expected, keys);
        Assert.Equal(harness.Hosts.Select(h => $"{h.HostId}/").Order(StringComparer.Ordinal), keys.Take(3).Select(k => k[..(k.IndexOf('/') + 1)]));

        // Repaired in place, then released: one host's files first, then everyone's (the first host has none left).
        var contents = new Dictionary<string, string>();
        foreach (var host in harness.Hosts)
        {
            for (var i = 0; i < PerHost; i++)
            {
                var content = FlowFiles.Distinct((host.Index * 100) + i);
                await File.WriteAllBytesAsync(Path.Combine(host.FlowDirectory, "quarantine", names[i]), content);
                contents[$"{host.HostId}:{names[i]}"] = FlowFiles.Sha256(content);
            }
        }

        var first = harness.Hosts[0];
        var one = await InProcessCli.RunAsync(harness.Client, "requeue", "--all", "--host", first.HostId);
        Assert.True(one.ExitCode == ExitCodes.Ok, one.ToString());
        Assert.Contains($"{PerHost} files requeued, 0 refused", one.Output);
        await Eventually.TrueAsync(() => Quarantined(first).Count == 0 && harness.Hosts.Skip(1).All(h => Quarantined(h).Count == PerHost), "only the first host's files left quarantine");

        var all = await InProcessCli.RunAsync(harness.Client, "requeue", "--all");
        Assert.True(all.ExitCode == ExitCodes.Ok, all.ToString());
        Assert.Contains($"{PerHost * 2} files requeued, 0 refused", all.Output);

        await Eventually.TrueAsync(
            () => contents.Values.All(harness.AllReceived.Select(r => r.Sha256Hex).ToHashSet().Contains),
            () => $"{contents.Values.Count(harness.AllReceived.Select(r => r.Sha256Hex).ToHashSet().Contains)} of {contents.Count} delivered byte-identical");
        await Eventually.TrueAsync(() => harness.Hosts.All(h => FlowFiles.Under(Path.Combine(h.FlowDirectory, "quarantine")).Count == 0), "every quarantine folder is empty");
    }

    private static List<CollectorLb.Abstractions.Quarantine.QuarantinedFile> Quarantined(CollectorHost host) =>
        QuarantineOnDisk.InListingOrder(host.FlowDirectory, host.HostId);

    private static async Task<List<string>> WalkAsync(RedisClusterHarness harness, int limit)
    {
        var keys = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            string[] args = ["quarantine", "list", "--json", "--limit", limit.ToString(CultureInfo.InvariantCulture)];
            var run = await InProcessCli.RunAsync(harness.Client, after is null ? args : [.. args, "--after", after]);
            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            using var page = JsonDocument.Parse(run.Output);
            keys.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!));
            after = page.RootElement.GetProperty("next").GetString();
            if (after is null)
            {
                return keys;
            }
        }

        throw new InvalidOperationException("the walk did not end");
    }
}
