using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Reliability;

/// <summary>
/// An attempt whose whole body went out without an acknowledgement may have reached the connector: an upload cut
/// off by the silo process's shutdown is resent after the restart, logged as a possible duplicate.
/// </summary>
public class ShutdownGraceTests
{
    [Fact]
    public async Task UploadCancelledWhenTheShutdownGraceRunsOut_IsFlaggedAsAPossibleDuplicateAfterTheRestart()
    {
        using var directory = new TempDirectory("grace");
        await using var services = await LoopbackDevServices.StartAsync(new ConnectorServerOptions
        {
            Name = "stalling",
            OutputDirectory = directory.Combine("received"),
            Mode = ConnectorMode.SlowAfterBody,
            Delay = TimeSpan.FromMinutes(5),
        });
        var registry = services.Registry!;
        var connector = services.Connectors[0];
        var flowDirectory = directory.Combine("netflows");
        Directory.CreateDirectory(flowDirectory);
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < 3; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"nfcapd.20261127050{i}");
            var content = FlowFiles.Distinct(i);
            FlowFiles.RenameInto(flowDirectory, name, content);
            expected[name] = FlowFiles.Sha256(content);
        }

        Dictionary<string, string> Environment(int httpPort)
        {
            var environment = SiloProcess.TestEnvironment(registry.Port, httpPort);
            environment["CollectorLb__Delivery__ShutdownGraceSeconds"] = "1";
            return environment;
        }

        var firstPort = FreePorts.Tcp();
        await using (var first = SiloProcess.Start(directory.Path, Environment(firstPort)))
        {
            await first.WaitUntilHealthyAsync(firstPort, TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(() => connector.Received.Count == expected.Count, () => $"{connector.Received.Count} bodies received, none answered");
            Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("grace period over, 3 uploads cancelled", first.Output);
        }

        connector.Mode = ConnectorMode.Success;
        var secondPort = FreePorts.Tcp();
        await using var second = SiloProcess.Start(directory.Path, Environment(secondPort));
        await second.WaitUntilHealthyAsync(secondPort, TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => !FlowFiles.Under(flowDirectory).Any(), () => "directory empty: " + string.Join(", ", FlowFiles.Under(flowDirectory)));
        foreach (var name in expected.Keys)
        {
            await Eventually.TrueAsync(() => second.Output.Contains($"duplicate possible: {name} ", StringComparison.Ordinal), () => $"'duplicate possible: {name}' in the restarted silo's log:\n{second.Output}");
        }

        Assert.All(connector.Received, r => Assert.Equal(expected[r.FileName], r.Sha256Hex));
        Assert.Equal(2 * expected.Count, connector.Received.Count);
    }
}
