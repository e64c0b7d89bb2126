using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Reliability;

/// <summary>The silo as a real process: killed, stopped, restarted, with a real nfcapd.</summary>
public class ProcessLifecycleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SiloKilledMidUploads_EveryFileDeliveredAfterRestart_DuplicatesOnlyFromBeforeTheKill()
    {
        using var directory = new TempDirectory("crash");
        await using var services = await LoopbackDevServices.StartAsync(new ConnectorServerOptions
        {
            Name = "slow",
            OutputDirectory = directory.Combine("received"),
            Mode = ConnectorMode.Slow,
            Delay = TimeSpan.FromMilliseconds(200),
        });
        var registry = services.Registry!;
        var connector = services.Connectors[0];
        var udpPort = FreePorts.Udp();
        var flowDirectory = directory.Combine("netflows");
        Directory.CreateDirectory(flowDirectory);
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < 60; i++)
        {
            var content = FlowFiles.Distinct(i);
            File.WriteAllBytes(Path.Combine(flowDirectory, $"nfcapd.2026112703{i:D2}"), content);
            expected[$"nfcapd.2026112703{i:D2}"] = FlowFiles.Sha256(content);
        }

        Dictionary<string, string> Environment(int httpPort)
        {
            var environment = SiloProcess.TestEnvironment(registry.Port, httpPort);
            environment["CollectorLb__Nfcapd__Enabled"] = "true";
            environment["CollectorLb__Nfcapd__BindAddress"] = "127.0.0.1";
            environment["NFCAPD_PORT"] = udpPort.ToString(CultureInfo.InvariantCulture);
            environment["NFCAPD_INTERVAL_SECONDS"] = "60";
            return environment;
        }

        var firstPort = FreePorts.Tcp();
        int inFlightAtKill;
        await using (var first = SiloProcess.Start(directory.Path, Environment(firstPort)))
        {
            await first.WaitUntilHealthyAsync(firstPort, StartTimeout);
            await Eventually.TrueAsync(() => connector.Received.Count >= 10 && connector.InFlight > 0, () => $"{connector.Received.Count} received, {connector.InFlight} in flight");
            inFlightAtKill = connector.InFlight;
            await first.KillAsync();
        }

        Assert.True(FreePorts.IsUdpTaken(udpPort), "the killed silo's nfcapd should still be running, orphaned");
        Assert.True(connector.Received.Count < expected.Count, "the kill came too late to interrupt anything");

        var secondPort = FreePorts.Tcp();
        var restartedAt = DateTimeOffset.UtcNow;
        await using var second = SiloProcess.Start(directory.Path, Environment(secondPort));
        await second.WaitUntilHealthyAsync(secondPort, StartTimeout);
        await DeliveryWait.UntilReceivedAsync([connector], expected.Keys, received => $"{received.Count} of {expected.Count} delivered");

        // Every file acknowledged and deleted: only then has every resend arrived (the connector records a file before it
        // answers) and been logged (the silo logs a possible duplicate on the acknowledgement, before the delete).
        await Eventually.TrueAsync(() => !Directory.EnumerateFiles(flowDirectory, "nfcapd.2026*", SearchOption.AllDirectories).Any(), () => "directory empty: " + string.Join(", ", Directory.EnumerateFiles(flowDirectory, "*", SearchOption.AllDirectories)) + "\n" + second.Output);

        // nfcapd's own (empty) intervals are delivered too; the files of the scenario are checked byte for byte.
        var scenarioFiles = connector.Received.Where(r => expected.ContainsKey(r.FileName)).ToList();
        Assert.All(scenarioFiles, r => Assert.Equal(expected[r.FileName], r.Sha256Hex));
        var duplicates = scenarioFiles.GroupBy(r => r.FileName).Where(g => g.Count() > 1).ToList();
        // The crash window: an upload the first silo started may complete at the connector after the kill; nothing
        // the second silo sent may duplicate a file.
        Assert.All(duplicates, group => Assert.True(group.Min(r => r.ReceivedAt) < restartedAt, $"{group.Key} was received twice, both times from the restarted silo"));

        // The silo's log reaches this process through its console logger's queue and a pipe: written is not yet read.
        foreach (var group in duplicates)
        {
            await Eventually.TrueAsync(() => second.Output.Contains($"duplicate possible: {group.Key}", StringComparison.Ordinal), () => $"'duplicate possible: {group.Key}' in the log:\n{second.Output}");
        }

        await Eventually.TrueAsync(() => second.Output.Contains("left running by an earlier run; stopping it first", StringComparison.Ordinal), () => "the orphaned nfcapd was stopped:\n" + second.Output);
        output.WriteLine($"crash: files {expected.Count}, delivered {scenarioFiles.Select(r => r.FileName).Distinct().Count()}, in flight at the kill {inFlightAtKill}, duplicates {duplicates.Count}, logged as possible duplicates {System.Text.RegularExpressions.Regex.Matches(second.Output, "duplicate possible").Count}");
        Assert.False(Directory.Exists(Path.Combine(flowDirectory, "quarantine")), "something was quarantined");
        Assert.Equal(0, await second.StopAsync(TimeSpan.FromSeconds(30)));
        Assert.False(FreePorts.IsUdpTaken(udpPort), "nfcapd outlived the silo that stopped cleanly");
    }

    [Fact]
    public async Task Sigterm_LetsRunningUploadsFinishStartsNoNewOnesAndTheRestIsSentAfterRestart()
    {
        using var directory = new TempDirectory("sigterm");
        await using var services = await LoopbackDevServices.StartAsync(new ConnectorServerOptions
        {
            Name = "slow",
            OutputDirectory = directory.Combine("received"),
            Mode = ConnectorMode.Slow,
            Delay = TimeSpan.FromSeconds(2),
        });
        var registry = services.Registry!;
        var connector = services.Connectors[0];
        var flowDirectory = directory.Combine("netflows");
        Directory.CreateDirectory(flowDirectory);
        var names = Enumerable.Range(0, 40).Select(i => $"nfcapd.2026112702{i:D2}").ToList();
        for (var i = 0; i < names.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(flowDirectory, names[i]), FlowFiles.Distinct(i));
        }

        var httpPort = FreePorts.Tcp();
        var environment = SiloProcess.TestEnvironment(registry.Port, httpPort);
        environment["CollectorLb__Delivery__ShutdownGraceSeconds"] = "15";
        await using (var silo = SiloProcess.Start(directory.Path, environment))
        {
            await silo.WaitUntilHealthyAsync(httpPort, StartTimeout);
            await Eventually.TrueAsync(() => connector.InFlight > 0, () => "uploads running");

            Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("every running upload finished", silo.Output);
        }

        var startedAfterStop = connector.RequestCount - connector.Received.Count;
        Assert.Equal(0, startedAfterStop);
        var delivered = connector.Received.Select(r => r.FileName).ToHashSet();
        var onDisk = Directory.EnumerateFiles(flowDirectory, "nfcapd.2026*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet();
        Assert.True(delivered.Count < names.Count, "shutdown came too late to leave anything");
        Assert.Empty(delivered.Intersect(onDisk));
        Assert.Equal(names.Order(), delivered.Concat(onDisk!).Order());

        connector.Mode = ConnectorMode.Success;
        var restartPort = FreePorts.Tcp();
        await using var restarted = SiloProcess.Start(directory.Path, SiloProcess.TestEnvironment(registry.Port, restartPort));
        await restarted.WaitUntilHealthyAsync(restartPort, StartTimeout);
        await DeliveryWait.UntilReceivedAsync([connector], names, _ => $"{connector.Received.Count} delivered");
        Assert.Equal(names.Count, connector.Received.Count);
    }

    [Fact]
    public async Task Sigterm_GraceRunsOut_UploadsAreCancelledAndTheirFilesStayOnDisk()
    {
        using var directory = new TempDirectory("grace");
        await using var services = await LoopbackDevServices.StartAsync(new ConnectorServerOptions { Name = "hang", OutputDirectory = directory.Combine("received"), Mode = ConnectorMode.Hang });
        var registry = services.Registry!;
        var connector = services.Connectors[0];
        var flowDirectory = directory.Combine("netflows");
        Directory.CreateDirectory(flowDirectory);
        File.WriteAllBytes(Path.Combine(flowDirectory, "nfcapd.202611270200"), FlowFiles.Distinct(1));

        var httpPort = FreePorts.Tcp();
        var environment = SiloProcess.TestEnvironment(registry.Port, httpPort);
        environment["CollectorLb__Delivery__ShutdownGraceSeconds"] = "1";
        await using var silo = SiloProcess.Start(directory.Path, environment);
        await silo.WaitUntilHealthyAsync(httpPort, StartTimeout);
        await Eventually.TrueAsync(() => connector.InFlight > 0, () => "upload hanging");

        Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("grace period over, 1 uploads cancelled", silo.Output);
        Assert.Single(Directory.EnumerateFiles(flowDirectory, "nfcapd.202611270200", SearchOption.AllDirectories));
        Assert.Empty(connector.Received);
    }
}
