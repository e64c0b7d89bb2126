using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

/// <summary>An outage downstream is not a bad file: files wait it out on disk and flow again when a connector returns.</summary>
public class DownstreamOutageTests(ITestOutputHelper output)
{
    /// <summary>MaxAttempts 1: a single failure counted against a file would quarantine it.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["CollectorLb:Delivery:MaxAttempts"] = "1",
        ["CollectorLb:Delivery:RetryBaseDelaySeconds"] = "0.1",
        ["CollectorLb:Delivery:RetryMaxDelaySeconds"] = "0.2",
        ["CollectorLb:Delivery:NoConnectorRetrySeconds"] = "0.2",
    };

    [Fact]
    public async Task EveryConnectorRefusingConnections_NothingIsQuarantined_EveryFileFlowsWhenOneReturns()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { Settings = Settings });
        var port = harness.Connectors[0].Port;
        foreach (var connector in harness.Connectors)
        {
            await connector.DisposeAsync(); // the registry still lists them; their ports refuse connections
        }

        var files = harness.DropFiles(20);
        await WaitUntilEveryFileFailedAsync(harness, files.Count);
        Assert.Empty(harness.Quarantined());

        var returned = await ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "connector-1", Port = port, OutputDirectory = harness.Connectors[0].OutputDirectory });
        harness.Connectors[0] = returned;
        var cameBackAt = DateTimeOffset.UtcNow;
        await AssertEveryFileDeliveredOnceAsync(harness, files, returned);
        output.WriteLine($"refused connections: last of {files.Count} files delivered {(returned.Received.Max(r => r.ReceivedAt) - cameBackAt).TotalSeconds:0.0} s after the connector returned");
    }

    [Fact]
    public async Task EveryConnectorAnswering503_NothingIsQuarantined_EveryFileFlowsWhenOneRecovers()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { Settings = Settings, ConnectorModes = [ConnectorMode.Unavailable, ConnectorMode.Unavailable] });

        var files = harness.DropFiles(20);
        await WaitUntilEveryFileFailedAsync(harness, files.Count);
        Assert.Empty(harness.Quarantined());

        harness.Connectors[1].Mode = ConnectorMode.Success;
        await AssertEveryFileDeliveredOnceAsync(harness, files, harness.Connectors[1]);
    }

    [Fact]
    public async Task FileRefusedWhileTheConnectorTakesOthers_IsStillQuarantinedAfterMaxAttempts()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            Settings = new Dictionary<string, string?>(Settings) { ["CollectorLb:Delivery:MaxAttempts"] = "3" },
        });
        const string poison = "nfcapd.202611270599";
        foreach (var connector in harness.Connectors)
        {
            connector.RefusesFile = name => name == poison;
        }

        var good = harness.DropFiles(10);
        FlowFiles.RenameInto(harness.FlowDirectory, poison, FlowFiles.Distinct(99));

        await harness.WaitUntilDeliveredAsync(good);
        await Eventually.TrueAsync(() => harness.Quarantined().Any(q => q.FileName == poison), () => "the refused file reaches quarantine");
        var record = harness.Quarantined().Single();
        Assert.Contains("gave up after 3 attempts", record.Reason);
        Assert.Equal(3, record.Attempts);
        Assert.DoesNotContain(harness.AllReceived, r => r.FileName == poison);
    }

    /// <summary>Every file has been tried and failed at least once (its snapshot says so), and none was delivered.</summary>
    private static Task WaitUntilEveryFileFailedAsync(CollectorHarness harness, int count) =>
        Eventually.TrueAsync(
            async () =>
            {
                var listing = await harness.Client.GetClusterView().GetFiles(new FileQuery { Limit = 1000 });
                return listing.Items.Count(f => f.Status == FileStatus.Detected && f.Attempts >= 1 && f.LastError is not null) == count;
            },
            () => $"every one of {count} files failed once; quarantined: {harness.Quarantined().Count}");

    private static async Task AssertEveryFileDeliveredOnceAsync(CollectorHarness harness, Dictionary<string, string> files, ConnectorServer connector)
    {
        await harness.WaitUntilDeliveredAsync(files);
        Assert.All(connector.Received, r => Assert.Equal(files[r.FileName], r.Sha256Hex));
        Assert.Equal(files.Count, connector.Received.Select(r => r.FileName).Distinct().Count());
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => "directory empty: " + string.Join(", ", harness.FilesOnDisk()));
        Assert.Empty(harness.Quarantined());
    }
}
