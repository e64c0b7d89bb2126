using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Reliability;

/// <summary>A file the silo process may not read (it runs as nobody) is quarantined with the reason, and nothing else stops.</summary>
public class UnreadableFileTests
{
    [Fact]
    public async Task FileWithoutReadPermission_IsQuarantinedWithTheReason_AndTheSiloGoesOn()
    {
        using var directory = new TempDirectory("permissions");
        await using var services = await LoopbackDevServices.StartAsync(new ConnectorServerOptions { Name = "c1", OutputDirectory = directory.Combine("received") });
        var registry = services.Registry!;
        var connector = services.Connectors[0];
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
