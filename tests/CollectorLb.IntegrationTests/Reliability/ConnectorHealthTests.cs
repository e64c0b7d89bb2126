using CollectorLb.Abstractions.Connectors;
using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.IntegrationTests.Reliability;

public class ConnectorHealthTests
{
    [Fact]
    public async Task HangingConnector_IsEjected_ThenReadmittedWhenItRecovers()
    {
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            ConnectorModes = [ConnectorMode.Hang, ConnectorMode.Success],
            Settings = new Dictionary<string, string?>
            {
                ["CollectorLb:Upload:TimeoutSeconds"] = "0.5",
                // One failure ejects: after its first failure the policy steers clear of it, so a second may never come.
                ["CollectorLb:Pool:FailuresBeforeEjection"] = "1",
                ["CollectorLb:Pool:EjectionSeconds"] = "60",
                ["CollectorLb:Pool:MaxEjectionSeconds"] = "60",
            },
        });
        var pool = harness.Client.GetGrain<IConnectorPoolGrain>(harness.RegistryUrl);
        var hanging = harness.Connectors[0];

        var first = harness.DropFiles(30, prefix: "nfcapd.20261127041");
        await harness.WaitUntilDeliveredAsync(first);
        var ejected = (await pool.GetSnapshot()).Connectors.Single(c => c.Name == hanging.Name);
        Assert.NotNull(ejected.EjectedUntil);
        Assert.True(ejected.Failures >= 1);
        var requestsWhileEjected = hanging.RequestCount;

        // Ejected for a minute, yet readmitted at once when it answers its ping and the trial upload succeeds.
        hanging.Mode = ConnectorMode.Success;
        var second = harness.DropFiles(30, prefix: "nfcapd.20261127042");
        await harness.WaitUntilDeliveredAsync(second);
        await Eventually.TrueAsync(
            async () => (await pool.GetSnapshot()).Connectors.Single(c => c.Name == hanging.Name).EjectedUntil is null,
            () => "readmitted");
        Assert.True(hanging.Received.Count > 0, $"no file reached the recovered connector ({hanging.RequestCount} requests, {requestsWhileEjected} before)");
        await harness.AssertEachDeliveredOnceOrCountedAsync(first.Concat(second).ToDictionary());
    }
}
