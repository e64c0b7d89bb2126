using CollectorLb.DevServices.Exporter;
using CollectorLb.Silo.Nfcapd;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Reliability;

public class NfcapdRestartTests
{
    [Fact]
    public async Task NfcapdKilled_IsRestarted_AndFlowsSentAfterwardsAreDelivered()
    {
        var udpPort = FreePorts.Udp();
        await using var harness = await CollectorHarness.StartAsync(new HarnessOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["CollectorLb:Nfcapd:Enabled"] = "true",
                ["CollectorLb:Nfcapd:Port"] = udpPort.ToString(CultureInfo.InvariantCulture),
                ["CollectorLb:Nfcapd:BindAddress"] = "127.0.0.1",
                ["CollectorLb:Nfcapd:IntervalSeconds"] = "2",
            },
        });
        var supervisor = harness.SiloServices.GetRequiredService<NfcapdSupervisor>();
        await Eventually.TrueAsync(() => supervisor.Status == NfcapdStatus.Running && supervisor.ProcessId is not null, () => $"nfcapd {supervisor.Status}");
        var firstPid = supervisor.ProcessId!.Value;

        System.Diagnostics.Process.GetProcessById(firstPid).Kill();

        await Eventually.TrueAsync(
            () => supervisor.Restarts == 1 && supervisor.Status == NfcapdStatus.Running && supervisor.ProcessId is { } pid && pid != firstPid,
            () => $"nfcapd {supervisor.Status}, restarts {supervisor.Restarts}");
        var restartedAt = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(() => harness.AllReceived.Any(r => r.ReceivedAt > restartedAt), () => "a file rotated by the new nfcapd");

        using var exporter = new NetFlowV5Exporter(new IPEndPoint(IPAddress.Loopback, udpPort), flowsPerSecond: 2000);
        await exporter.SendBurstAsync(600, CancellationToken.None);
        var counted = new Dictionary<string, int>();
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var file in harness.AllReceived.Where(r => !counted.ContainsKey(r.StoredPath)))
                {
                    counted[file.StoredPath] = await Nfdump.CountFlowsAsync(file.StoredPath);
                }

                return counted.Values.Sum() >= exporter.FlowsSent;
            },
            () => $"nfdump counted {counted.Values.Sum()} of {exporter.FlowsSent} flows sent after the restart");

        Assert.Equal(exporter.FlowsSent, counted.Values.Sum());
    }
}
