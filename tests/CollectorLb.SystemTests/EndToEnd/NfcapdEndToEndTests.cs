using CollectorLb.DevServices.Exporter;
using CollectorLb.Silo.Nfcapd;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.EndToEnd;

public class NfcapdEndToEndTests
{
    [Fact]
    public async Task SyntheticNetFlowThroughRealNfcapd_IsDeliveredAndNfdumpCountsEveryFlowSent()
    {
        var udpPort = FreePorts.Udp();
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["CollectorLb:Nfcapd:Enabled"] = "true",
                ["CollectorLb:Nfcapd:Port"] = udpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CollectorLb:Nfcapd:BindAddress"] = "127.0.0.1",
                ["CollectorLb:Nfcapd:IntervalSeconds"] = "2",
            },
        });
        var supervisor = harness.SiloServices.GetRequiredService<NfcapdSupervisor>();
        await Eventually.TrueAsync(() => supervisor.Status == NfcapdStatus.Running && FreePorts.IsUdpTaken(udpPort), () => $"nfcapd is {supervisor.Status}");

        using var exporter = new NetFlowV5Exporter(new IPEndPoint(IPAddress.Loopback, udpPort), flowsPerSecond: 2000);
        await exporter.SendBurstAsync(900, CancellationToken.None);
        var sent = (int)exporter.FlowsSent;

        var counted = new Dictionary<string, int>();
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var file in harness.AllReceived.Where(r => !counted.ContainsKey(r.StoredPath)))
                {
                    counted[file.StoredPath] = await Nfdump.CountFlowsAsync(file.StoredPath);
                }

                return counted.Values.Sum() >= sent;
            },
            () => $"nfdump counted {counted.Values.Sum()} of {sent} flows in {counted.Count} delivered files");

        Assert.Equal(sent, counted.Values.Sum());
        Assert.All(harness.AllReceived, r => Assert.Matches(@"^nfcapd\.\d{14}$", r.FileName));
    }
}
