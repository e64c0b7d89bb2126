using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Observability;

/// <summary>
/// A real Prometheus scrapes a real silo (with its nfcapd) that delivered to two connectors and quarantined a bad file:
/// what an alert or a dashboard asks of Prometheus is what happened.
/// </summary>
public class PrometheusEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Prometheus_ScrapingASiloThatDeliveredToTwoConnectors_AnswersDeliveriesByConnectorAndTheGauges()
    {
        var udpPort = FreePorts.Udp();
        await using var silo = await SiloProcessHarness.StartAsync("scraped-host", connectors: 2, settings: new Dictionary<string, string>
        {
            ["CollectorLb__Nfcapd__Enabled"] = "true",
            ["CollectorLb__Nfcapd__BindAddress"] = "127.0.0.1",
            ["NFCAPD_PORT"] = udpPort.ToString(CultureInfo.InvariantCulture),
            ["NFCAPD_INTERVAL_SECONDS"] = "3600", // its own (empty) intervals would be delivered too
        });
        var files = silo.DropFiles("nfcapd.2026112705", 20);
        silo.DropInvalidFile("nfcapd.202611270599");
        await silo.WaitUntilDeliveredAsync(files.Keys);
        await Eventually.TrueAsync(() => Directory.Exists(silo.QuarantineDirectory) && Directory.EnumerateFiles(silo.QuarantineDirectory).Count() == 2, "the bad file and its record in quarantine");

        await using var prometheus = await PrometheusServer.StartAsync([$"127.0.0.1:{silo.HttpPort}"]);
        var host = $"host=\"{silo.HostId}\"";
        var byConnector = new Dictionary<string, double>();
        await Eventually.TrueAsync(
            async () =>
            {
                byConnector = (await prometheus.QueryAsync($"sum by (connector) (collectorlb_files_delivered_total{{{host}}})"))
                    .ToDictionary(s => s.Labels["connector"], s => s.Value);
                return silo.Connectors.All(c => byConnector.GetValueOrDefault(c.Name) == c.Received.Count);
            },
            () => $"Prometheus counts what each connector received ({string.Join(", ", silo.Connectors.Select(c => $"{c.Name}={c.Received.Count}"))}): {string.Join(", ", byConnector)}\n{prometheus.Output}");

        foreach (var connector in silo.Connectors)
        {
            Assert.Equal(connector.Received.Count, byConnector.GetValueOrDefault(connector.Name));
            Assert.Equal(connector.Received.Sum(r => (double)r.Length), await ScalarAsync(prometheus, $"sum(collectorlb_delivered_bytes_total{{{host},connector=\"{connector.Name}\"}})"));
            Assert.Equal(connector.Received.Count, await ScalarAsync(prometheus, $"sum(collectorlb_upload_duration_seconds_count{{{host},connector=\"{connector.Name}\"}})"));
        }

        Assert.Equal(1, await ScalarAsync(prometheus, $"sum(collectorlb_files_quarantined_total{{{host},reason=\"invalid\"}})"));
        Assert.Equal(1, await ScalarAsync(prometheus, $"collectorlb_quarantine_files{{{host}}}"));
        Assert.Equal(1, await ScalarAsync(prometheus, $"collectorlb_nfcapd_up{{{host}}}"));
        Assert.Equal(0, await ScalarAsync(prometheus, $"collectorlb_nfcapd_restarts_total{{{host}}}"));
        Assert.Equal(1, await ScalarAsync(prometheus, $"collectorlb_ready{{{host}}}"));
        Assert.Equal(0, await ScalarAsync(prometheus, $"collectorlb_oldest_waiting_file_age_seconds{{{host}}}"));
        Assert.Equal(0, await ScalarAsync(prometheus, $"collectorlb_backlog_files{{{host}}}"));
        Assert.Equal(2, await ScalarAsync(prometheus, $"sum(collectorlb_connector_healthy{{{host}}})"));
        var registryAge = await ScalarAsync(prometheus, $"time() - collectorlb_registry_last_success_timestamp_seconds{{{host}}}");
        Assert.InRange(registryAge, -5, 60);
        output.WriteLine($"deliveries by connector: {string.Join(", ", byConnector.Select(c => $"{c.Key}={c.Value}"))}; registry read {registryAge:0.0} s ago");
    }

    /// <summary>The single value of an instant query, after Prometheus has it.</summary>
    private static async Task<double> ScalarAsync(PrometheusServer prometheus, string promql)
    {
        IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> result = [];
        await Eventually.TrueAsync(async () => (result = await prometheus.QueryAsync(promql)).Count == 1, () => $"one series for {promql}, got {result.Count}");
        return result[0].Value;
    }
}
