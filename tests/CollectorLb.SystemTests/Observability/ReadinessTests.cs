using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Observability;

public class ReadinessTests
{
    [Fact]
    public async Task Readyz_NfcapdKilled_TurnsUnreadyAndReadyAgainOnceTheSupervisorRestartedIt()
    {
        await using var silo = await SiloProcessHarness.StartAsync("ready-host", connectors: 1, new Dictionary<string, string>
        {
            ["CollectorLb__Nfcapd__Enabled"] = "true",
            ["CollectorLb__Nfcapd__Port"] = FreePorts.Udp().ToString(CultureInfo.InvariantCulture),
            ["CollectorLb__Nfcapd__IntervalSeconds"] = "3600",
        });

        var (status, body) = await silo.GetAsync("/readyz");
        Assert.Equal(200, status);
        var before = Nfcapd(body);
        Assert.Equal("Running", before.GetProperty("status").GetString());
        var pid = before.GetProperty("pid").GetInt32();
        Assert.Equal(200, (await silo.GetAsync("/healthz")).Status);

        using (var nfcapd = Process.GetProcessById(pid))
        {
            nfcapd.Kill();
        }

        string unready = string.Empty;
        await Eventually.TrueAsync(
            async () =>
            {
                (status, unready) = await silo.GetAsync("/readyz");
                return status == 503;
            },
            () => $"/readyz answers 503 after nfcapd was killed; last answer {status}\n{silo.Process.Output}");
        using (var report = JsonDocument.Parse(unready))
        {
            Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", report.RootElement.GetProperty("checks").GetProperty("nfcapd").GetProperty("status").GetString());
            Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("registry").GetProperty("status").GetString());
        }

        Assert.Equal(200, (await silo.GetAsync("/healthz")).Status);

        await Eventually.TrueAsync(
            async () =>
            {
                (status, body) = await silo.GetAsync("/readyz");
                return status == 200;
            },
            () => $"/readyz answers 200 once nfcapd was restarted; last answer {status}: {body}\n{silo.Process.Output}");
        var after = Nfcapd(body);
        Assert.Equal("Running", after.GetProperty("status").GetString());
        Assert.NotEqual(pid, after.GetProperty("pid").GetInt32());
        Assert.Equal(1, after.GetProperty("restarts").GetInt32());
    }

    private static JsonElement Nfcapd(string readyz)
    {
        using var report = JsonDocument.Parse(readyz);
        return report.RootElement.GetProperty("checks").GetProperty("nfcapd").GetProperty("data").Clone();
    }
}
