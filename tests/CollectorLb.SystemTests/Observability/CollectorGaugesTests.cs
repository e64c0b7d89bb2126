using CollectorLb.DevServices.Connector;
using CollectorLb.DevServices.Registry;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Observability;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Observability;

/// <summary>The silo's gauges, read from <c>/metrics</c> of the silo process, in the situations that move them.</summary>
public class CollectorGaugesTests
{
    [Fact]
    public async Task NfcapdUp_NfcapdKilledAndItsRestartsFailing_IsZeroAndNotReady_ThenOneAndReadyOnceRestarted_RestartsCounted()
    {
        using var tools = new TempDirectory("nfcapd-wrapper");
        var hold = tools.Combine("hold");
        var wrapper = tools.Combine("nfcapd");

        // nfcapd itself, except while the test holds its restarts back: then it fails at once, as a broken install would.
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\n[ -e '{hold}' ] && exit 1\nexec nfcapd \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0x1ED); // 0755
        await using var silo = await SiloProcessHarness.StartAsync("nfcapd-gauge-host", connectors: 1, new Dictionary<string, string>
        {
            ["CollectorLb__Nfcapd__Enabled"] = "true",
            ["CollectorLb__Nfcapd__Executable"] = wrapper,
            ["CollectorLb__Nfcapd__Port"] = FreePorts.Udp().ToString(CultureInfo.InvariantCulture),
            ["CollectorLb__Nfcapd__IntervalSeconds"] = "3600",
            ["CollectorLb__Nfcapd__MaxRestartDelaySeconds"] = "1",
        });
        var host = ("host", silo.HostId);

        await WaitForMetricsAsync(
            silo,
            m => m.Value("collectorlb_nfcapd_up", host) == 1 && m.Value("collectorlb_ready", host) == 1,
            "nfcapd up and the silo ready");
        Assert.Equal(0, (await silo.MetricsAsync()).Value("collectorlb_nfcapd_restarts_total", host));

        await File.WriteAllTextAsync(hold, string.Empty);
        using (var nfcapd = System.Diagnostics.Process.GetProcessById(await NfcapdPidAsync(silo)))
        {
            nfcapd.Kill();
        }

        await WaitForMetricsAsync(
            silo,
            m => m.Value("collectorlb_nfcapd_up", host) == 0 && m.Value("collectorlb_ready", host) == 0 && m.Value("collectorlb_nfcapd_restarts_total", host) >= 2,
            "nfcapd down, the silo not ready, the kill and a failed restart counted");

        File.Delete(hold);
        var metrics = await WaitForMetricsAsync(
            silo,
            m => m.Value("collectorlb_nfcapd_up", host) == 1 && m.Value("collectorlb_ready", host) == 1,
            "nfcapd up again and the silo ready");

        // Running again, nfcapd restarts no more: the counter says what the supervisor counted.
        using var readyz = JsonDocument.Parse((await silo.GetAsync("/readyz")).Body);
        var restarts = readyz.RootElement.GetProperty("checks").GetProperty("nfcapd").GetProperty("data").GetProperty("restarts").GetInt32();
        Assert.Equal(restarts, (await silo.MetricsAsync()).Value("collectorlb_nfcapd_restarts_total", host));
        Assert.Equal("counter", metrics.Types["collectorlb_nfcapd_restarts_total"]);
    }

    [Fact]
    public async Task NfcapdGauges_NfcapdDisabledByConfiguration_AreNotExported()
    {
        await using var silo = await SiloProcessHarness.StartAsync("no-nfcapd-host", connectors: 1);

        var metrics = await WaitForMetricsAsync(silo, m => m.Value("collectorlb_ready", ("host", silo.HostId)) == 1, "the silo ready");

        Assert.DoesNotContain(metrics.Samples, s => s.Name.StartsWith("collectorlb_nfcapd_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OldestWaitingFileAge_FileHeldBackByARefusingConnector_GrowsAndIsZeroOnceItIsDelivered()
    {
        await using var silo = await SiloProcessHarness.StartAsync("oldest-host", connectors: 1, new Dictionary<string, string>
        {
            ["CollectorLb__Delivery__MaxAttempts"] = "1000",
        });
        var host = ("host", silo.HostId);
        var connector = silo.Connectors[0];
        connector.Mode = ConnectorMode.Fail500;

        await WaitForMetricsAsync(silo, m => m.Value("collectorlb_oldest_waiting_file_age_seconds", host) == 0, "no file waiting");
        var held = silo.DropFiles("nfcapd.20261203050", 1);

        var first = await WaitForMetricsAsync(
            silo,
            m => m.Value("collectorlb_oldest_waiting_file_age_seconds", host) >= 1 && connector.RequestCount > 0,
            "the refused file waits at least a second");
        var age = first.Value("collectorlb_oldest_waiting_file_age_seconds", host)!.Value;
        await WaitForMetricsAsync(
            silo,
            m => m.Value("collectorlb_oldest_waiting_file_age_seconds", host) >= age + 2,
            $"the age grows past {age + 2} s");
        Assert.Equal(1, (await silo.MetricsAsync()).Value("collectorlb_backlog_files", host));

        connector.Mode = ConnectorMode.Success;
        await silo.WaitUntilDeliveredAsync(held.Keys);
        await WaitForMetricsAsync(
            silo,
            m => m.Value("collectorlb_oldest_waiting_file_age_seconds", host) == 0 && m.Value("collectorlb_backlog_files", host) == 0,
            "nothing waits once the file is delivered");
    }

    [Fact]
    public async Task RegistryLastSuccessTimestamp_RegistryFailing_StopsMoving_AndMovesAgainOnceItAnswers()
    {
        await using var silo = await SiloProcessHarness.StartAsync("registry-gauge-host", connectors: 1);
        var host = ("host", silo.HostId);
        const string name = "collectorlb_registry_last_success_timestamp_seconds";

        var before = (await WaitForMetricsAsync(silo, m => m.Value(name, host) > 0, "the registry answered")).Value(name, host)!.Value;
        await WaitForMetricsAsync(silo, m => m.Value(name, host) > before, "the timestamp moves while the registry answers");

        silo.Registry.Behavior = RegistryBehavior.Fail500;
        var stale = await WaitForMetricsAsync(silo, m => UnixNow() - m.Value(name, host) > 6, "the timestamp falls behind");
        var stoppedAt = stale.Value(name, host)!.Value;
        await WaitForMetricsAsync(
            silo,
            m =>
            {
                Assert.Equal(stoppedAt, m.Value(name, host));
                return UnixNow() - stoppedAt > 10;
            },
            $"the timestamp stays at {stoppedAt} for several refreshes");

        silo.Registry.Behavior = RegistryBehavior.Normal;
        await WaitForMetricsAsync(silo, m => m.Value(name, host) > stoppedAt, "the timestamp moves again once the registry answers");
    }

    [Fact]
    public async Task ConnectorHealthy_ConnectorRefusingUntilEjected_IsZero_AndOneOnceASuccessReadmitsIt()
    {
        await using var silo = await SiloProcessHarness.StartAsync("connector-gauge-host", connectors: 2, new Dictionary<string, string>
        {
            ["CollectorLb__Pool__Policy"] = "round-robin",
        });
        var host = ("host", silo.HostId);
        var failing = silo.Connectors[0];
        var healthy = silo.Connectors[1];
        await WaitForMetricsAsync(
            silo,
            m => m.Value("collectorlb_connector_healthy", host, ("connector", failing.Name)) == 1 && m.Value("collectorlb_connector_healthy", host, ("connector", healthy.Name)) == 1,
            "both connectors healthy");

        failing.Mode = ConnectorMode.Fail500;
        var first = silo.DropFiles("nfcapd.20261203060", 8);
        await silo.WaitUntilDeliveredAsync(first.Keys);
        await WaitForMetricsAsync(
            silo,
            m => m.Value("collectorlb_connector_healthy", host, ("connector", failing.Name)) == 0 && m.Value("collectorlb_connector_healthy", host, ("connector", healthy.Name)) == 1,
            "the refusing connector ejected, the other healthy");

        // The ejected connector takes one trial file once its cool-down is over; files keep coming until it had one.
        failing.Mode = ConnectorMode.Success;
        var dropped = 0;
        await WaitForMetricsAsync(
            silo,
            m =>
            {
                if (m.Value("collectorlb_connector_healthy", host, ("connector", failing.Name)) == 1)
                {
                    return true;
                }

                silo.DropFiles($"nfcapd.2026120307{dropped++:D2}", 1, seed: 20 + dropped);
                return false;
            },
            () => $"the connector readmitted after a trial; it received {failing.Received.Count} files");
    }

    private static double UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static async Task<int> NfcapdPidAsync(SiloProcessHarness silo)
    {
        using var readyz = JsonDocument.Parse((await silo.GetAsync("/readyz")).Body);
        return readyz.RootElement.GetProperty("checks").GetProperty("nfcapd").GetProperty("data").GetProperty("pid").GetInt32();
    }

    private static Task<PrometheusText> WaitForMetricsAsync(SiloProcessHarness silo, Func<PrometheusText, bool> condition, string what) =>
        WaitForMetricsAsync(silo, condition, () => what);

    /// <summary>Scrapes until <paramref name="condition"/> holds; the last scrape's collector series say why not.</summary>
    private static async Task<PrometheusText> WaitForMetricsAsync(SiloProcessHarness silo, Func<PrometheusText, bool> condition, Func<string> what)
    {
        PrometheusText? last = null;
        await Eventually.TrueAsync(
            async () =>
            {
                last = await silo.MetricsAsync();
                return condition(last);
            },
            () => $"{what()}; last scrape:\n{Describe(last)}\n{silo.Process.Output}");
        return last!;
    }

    private static string Describe(PrometheusText? metrics) =>
        string.Join('\n', (metrics?.Samples ?? []).Where(s => s.Name.StartsWith("collectorlb_", StringComparison.Ordinal))
            .Select(s => $"{s.Name}{{{string.Join(',', s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}"));
}
