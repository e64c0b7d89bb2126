using CollectorLb.Abstractions.Hosts;
using CollectorLb.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.Tests.Reliability;

public class DiskSurpriseTests
{
    [Fact]
    public async Task ClaimedFileRemovedBySomeoneElse_IsReportedInQuarantineAndTheSiloGoesOn()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { ConnectorModes = [ConnectorMode.Fail500, ConnectorMode.Fail500] });
        harness.DropFiles(1);
        await Eventually.TrueAsync(() => harness.Connectors.Sum(c => c.RequestCount) >= 1, () => "first attempt failed");

        File.Delete(harness.SpooledFiles().Single());

        await Eventually.TrueAsync(() => harness.Quarantined().Count == 1, () => "reported");
        var record = harness.Quarantined().Single();
        Assert.Contains("disappeared", record.Reason);
        Assert.Null(record.Path);

        harness.Connectors[0].Mode = ConnectorMode.Success;
        var next = harness.DropFiles(3, prefix: "nfcapd.20261127050");
        await harness.WaitUntilDeliveredAsync(next);
    }

    [Fact]
    public async Task FileDeletedBySomeoneElseDuringItsUpload_StillArrivesWholeAndTheSpoolEndsClean()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions { ConnectorCount = 1, ConnectorModes = [ConnectorMode.Slow] });
        var connector = harness.Connectors[0];
        connector.Delay = TimeSpan.FromSeconds(1);
        var files = harness.DropFiles(1);
        await Eventually.TrueAsync(() => connector.InFlight == 1, () => "upload running");

        // The upload holds the file open, so its bytes stay readable after the name is gone.
        File.Delete(harness.SpooledFiles().Single());

        await harness.WaitUntilDeliveredAsync(files);
        Assert.Equal(files.Values.Single(), connector.Received.Single().Sha256Hex);
        await Eventually.TrueAsync(() => harness.FilesOnDisk().Count == 0, () => string.Join(", ", harness.FilesOnDisk()));

        // Its claim ended too: a claim counted forever would shrink the room the watcher claims into.
        await Eventually.TrueAsync(async () => (await harness.Client.GetClusterView().GetOverview()).Backlog == 0, "the backlog back to 0");
    }

    [Fact]
    public async Task FileTruncatedDuringItsUpload_IsNotCountedAsDeliveredAndEndsInQuarantineAsTorn()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorCount = 1,
            ConnectorModes = [ConnectorMode.Slow],
            Settings = new Dictionary<string, string?> { ["CollectorLb:Upload:TimeoutSeconds"] = "30" },
        });
        var connector = harness.Connectors[0];
        connector.Delay = TimeSpan.FromSeconds(1);
        var content = FlowFiles.Sample(FlowFiles.LargeSample);
        var big = new byte[64 * 1024 * 1024];
        content.CopyTo(big, 0);
        FlowFiles.RenameInto(harness.FlowDirectory, "nfcapd.202611270500", big);
        await Eventually.TrueAsync(() => connector.InFlight == 1, () => "upload running");

        using (var file = new FileStream(harness.SpooledFiles().Single(), FileMode.Open, FileAccess.Write))
        {
            file.SetLength(1000);
        }

        connector.Mode = ConnectorMode.Success;
        await Eventually.TrueAsync(() => harness.Quarantined().Count == 1, () => $"quarantined; received {connector.Received.Count}");
        Assert.Empty(connector.Received);
        Assert.Contains("torn", harness.Quarantined().Single().Reason);
    }

    [Fact]
    public async Task FileWithoutReadPermission_IsQuarantinedWithTheReason_AndTheSiloGoesOn()
    {
        using var directory = new TempDirectory("permissions");
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { PingInterval = Timeout.InfiniteTimeSpan });
        await using var connector = await ConnectorServer.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = directory.Combine("received") });
        registry.Register(connector.Name, connector.Url);
        var flowDirectory = directory.Combine("netflows");
        Directory.CreateDirectory(flowDirectory);
        var unreadable = Path.Combine(flowDirectory, "nfcapd.202611270510");
        File.WriteAllBytes(unreadable, FlowFiles.Distinct(1));
        File.SetUnixFileMode(unreadable, UnixFileMode.None);
        File.WriteAllBytes(Path.Combine(flowDirectory, "nfcapd.202611270511"), FlowFiles.Distinct(2));

        var httpPort = FreePorts.Tcp();
        await using var silo = SiloProcess.StartUnprivileged(directory.Path, SiloProcess.TestEnvironment(registry.Port, httpPort));
        await silo.WaitUntilHealthyAsync(httpPort, TimeSpan.FromSeconds(60));

        await Eventually.TrueAsync(() => connector.Received.Any(r => r.FileName == "nfcapd.202611270511"), () => "readable file delivered\n" + silo.Output);
        var quarantined = Path.Combine(flowDirectory, "quarantine", "nfcapd.202611270510");
        // A sidecar that exists may still be being written, and the file moved after it: wait for both, whole.
        await Eventually.TrueAsync(
            () => File.Exists(quarantined) && File.Exists(quarantined + ".json") && File.ReadAllText(quarantined + ".json").Contains("cannot read the file", StringComparison.Ordinal),
            () => "unreadable file quarantined with its reason\n" + silo.Output);
        Assert.Equal(FlowFiles.Distinct(1), File.ReadAllBytes(quarantined));
        Assert.DoesNotContain(connector.Received, r => r.FileName == "nfcapd.202611270510");
        Assert.False(silo.HasExited);
    }
}
