using CollectorLb.Cli;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;

namespace CollectorLb.IntegrationTests.Cli;

public class CliCommandsTests(CliUnderTest cli) : IClassFixture<CliUnderTest>
{
    [Fact]
    public async Task Status_AfterDeliveries_PrintsTheHostTotalsAndConnectors()
    {
        var run = await cli.RunAsync("status");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("silos: 1 answering, 0 not answering", run.Output);
        Assert.Contains(CollectorHarness.HostId, run.Output);
        Assert.Matches(@"HOST\s+SILO\s+NFCAPD\s+DETECTED\s+DISPATCHING\s+DELIVERED\s", run.Output);
        Assert.Contains("connector-1", run.Output);
        Assert.Contains("connector-2", run.Output);
        Assert.Contains("registry: " + cli.Harness.RegistryUrl, run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task StatusJson_ParsesAndCountsTheDeliveries()
    {
        var run = await cli.RunAsync("status", "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var host = Assert.Single(root.GetProperty("hosts").EnumerateArray());
        Assert.Equal(CollectorHarness.HostId, host.GetProperty("hostId").GetString());
        Assert.True(root.GetProperty("totals").GetProperty("filesDelivered").GetInt64() >= cli.Delivered.Count);
        Assert.Equal(2, root.GetProperty("connectors").GetProperty("connectors").GetArrayLength());
        Assert.Equal(60, root.GetProperty("chart").GetArrayLength());
        Assert.Empty(root.GetProperty("unreachable").EnumerateArray());
    }

    [Fact]
    public async Task Files_FilteredByStateAndHost_ListOnlyMatchingFiles()
    {
        var deleted = await cli.RunAsync("files", "--state", "Deleted", "--json");
        Assert.True(deleted.ExitCode == ExitCodes.Ok, deleted.ToString());
        using (var json = JsonDocument.Parse(deleted.Output))
        {
            var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.All(cli.Delivered.Keys, name => Assert.Contains(items, f => f.GetProperty("fileName").GetString() == name));
            Assert.All(items, f => Assert.Equal("Deleted", f.GetProperty("status").GetString()));
            var first = items.First(f => cli.Delivered.ContainsKey(f.GetProperty("fileName").GetString()!));
            Assert.StartsWith("connector-", first.GetProperty("connector").GetString());
            Assert.Equal(JsonValueKind.String, first.GetProperty("timeline").GetProperty("deletedAt").ValueKind);
        }

        var table = await cli.RunAsync("files", "--state", "Deleted", "--host", CollectorHarness.HostId);
        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.StartsWith("FILE ", table.Output);
        Assert.All(cli.Delivered.Keys, name => Assert.Contains(name, table.Output));

        var otherHost = await cli.RunAsync("files", "--host", "no-such-host", "--json");
        Assert.True(otherHost.ExitCode == ExitCodes.Ok, otherHost.ToString());
        using (var json = JsonDocument.Parse(otherHost.Output))
        {
            Assert.Empty(json.RootElement.GetProperty("items").EnumerateArray());
        }
    }

    [Fact]
    public async Task Connectors_ListsBothWithHealthAndCounts()
    {
        var table = await cli.RunAsync("connectors");
        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.Contains("healthy", table.Output);

        var run = await cli.RunAsync("connectors", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var connectors = json.RootElement.GetProperty("connectors").EnumerateArray().ToList();
        Assert.Equal(["connector-1", "connector-2"], connectors.Select(c => c.GetProperty("name").GetString()).Order());
        Assert.True(connectors.Sum(c => c.GetProperty("successes").GetInt64()) >= cli.Delivered.Count);
    }

    [Fact]
    public async Task QuarantineListThenRequeue_RepairedFileIsDelivered_AndASecondRequeueIsRefused()
    {
        var list = await cli.RunAsync("quarantine", "list", "--json");
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        string key;
        using (var json = JsonDocument.Parse(list.Output))
        {
            var entry = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray(), q => q.GetProperty("fileName").GetString() == CliUnderTest.QuarantinedName);
            key = entry.GetProperty("key").GetString()!;
            Assert.Contains("not an nfcapd file", entry.GetProperty("reason").GetString());
        }

        var table = await cli.RunAsync("quarantine", "list");
        Assert.Contains(key, table.Output);

        var repaired = FlowFiles.Distinct(900);
        await File.WriteAllBytesAsync(Path.Combine(cli.QuarantineDirectory, CliUnderTest.QuarantinedName), repaired);
        var requeue = await cli.RunAsync("requeue", CliUnderTest.QuarantinedName);
        Assert.True(requeue.ExitCode == ExitCodes.Ok, requeue.ToString());
        Assert.Contains("back in the spool", requeue.Output);

        await cli.Harness.WaitUntilDeliveredAsync(new Dictionary<string, string> { [CliUnderTest.QuarantinedName] = FlowFiles.Sha256(repaired) });
        Assert.Equal(FlowFiles.Sha256(repaired), cli.Harness.AllReceived.Single(r => r.FileName == CliUnderTest.QuarantinedName).Sha256Hex);

        var again = await cli.RunAsync("requeue", key, "--json");
        Assert.True(again.ExitCode == ExitCodes.Refused, again.ToString());
        using (var json = JsonDocument.Parse(again.Output))
        {
            Assert.Equal("NotQuarantined", json.RootElement.GetProperty("outcome").GetString());
        }

        var unknown = await cli.RunAsync("requeue", "nfcapd.209901010000");
        Assert.True(unknown.ExitCode == ExitCodes.Refused, unknown.ToString());
        Assert.Contains("No quarantined file named nfcapd.209901010000", unknown.Error);
    }

    [Fact]
    public async Task WrongUsage_ExitsWithTwoAndSaysWhy()
    {
        var badState = await cli.RunAsync("files", "--state", "Lost");
        Assert.Equal(ExitCodes.Usage, badState.ExitCode);
        Assert.Contains("Lost", badState.Error);

        var missingArgument = await cli.RunAsync("requeue");
        Assert.Equal(ExitCodes.Usage, missingArgument.ExitCode);

        var unknownCommand = await cli.RunAsync("frobnicate");
        Assert.Equal(ExitCodes.Usage, unknownCommand.ExitCode);
    }
}
