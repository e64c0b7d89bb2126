using CollectorLb.DevServices.Connector;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Observability;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Observability;

public class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterDeliveriesFailuresAndQuarantines_CountersEqualWhatHappenedAndOrleansInstrumentsArePresent()
    {
        await using var silo = await SiloProcessHarness.StartAsync("metrics-host", connectors: 1, new Dictionary<string, string>
        {
            ["CollectorLb__Delivery__MaxAttempts"] = "3",
        });
        var connector = silo.Connectors[0];

        // One valid file the connector refuses three times (the most attempts allowed): quarantined with 3 failures.
        connector.Mode = ConnectorMode.Fail500;
        var refused = silo.DropFiles("nfcapd.20261127010", 1);
        await Eventually.TrueAsync(
            () => File.Exists(Path.Combine(silo.QuarantineDirectory, refused.Keys.Single() + ".json")),
            () => $"the refused file is quarantined; connector requests: {connector.RequestCount}\n{silo.Process.Output}");

        // One file that is not an nfcapd file: quarantined before any attempt.
        silo.DropInvalidFile("nfcapd.202611270200");
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(silo.QuarantineDirectory, "nfcapd.202611270200.json")), "the invalid file is quarantined");

        // Four files delivered.
        connector.Mode = ConnectorMode.Success;
        var delivered = silo.DropFiles("nfcapd.20261127030", 4, seed: 10);
        await silo.WaitUntilDeliveredAsync(delivered.Keys);

        PrometheusText metrics = null!;
        await Eventually.TrueAsync(
            async () =>
            {
                metrics = PrometheusText.Parse((await silo.GetAsync("/metrics")).Body);
                // A file's upload slot is released after its delete is counted, and a quarantine counted after its sidecar
                // is written: the counts the assertions read are waited for, not inferred.
                return metrics.Sum("collectorlb_files_deleted_total") == 4 && metrics.Sum("collectorlb_backlog_files") == 0
                    && metrics.Sum("collectorlb_uploads_in_flight") == 0 && metrics.Sum("collectorlb_files_quarantined_total") == 2;
            },
            () => "four files deleted, two quarantined, nothing left on disk or in flight, in /metrics");

        Assert.Equal(6, metrics.Sum("collectorlb_files_detected_total"));
        Assert.Equal(4, metrics.Sum("collectorlb_files_delivered_total"));
        Assert.Equal(3, metrics.Sum("collectorlb_upload_failures_total"));
        Assert.Equal(2, metrics.Sum("collectorlb_files_quarantined_total"));
        Assert.Equal(0, metrics.Sum("collectorlb_files_duplicates_total"));
        Assert.Equal(connector.Received.Sum(r => (double)r.Length), metrics.Sum("collectorlb_delivered_bytes_total"));
        Assert.Equal(7, metrics.Sum("collectorlb_upload_duration_seconds_count"));
        Assert.Equal(4, metrics.Sum("collectorlb_delivery_latency_seconds_count"));
        Assert.Equal(2, metrics.Sum("collectorlb_quarantine_files"));
        Assert.Equal(0, metrics.Sum("collectorlb_uploads_in_flight"));
        Assert.Equal("counter", metrics.Types["collectorlb_files_delivered_total"]);
        Assert.Equal("histogram", metrics.Types["collectorlb_delivery_latency_seconds"]);
        Assert.Equal("gauge", metrics.Types["collectorlb_backlog_files"]);
        Assert.Contains(metrics.Samples, s => s.Name == "collectorlb_delivery_latency_seconds_bucket" && s.Labels["le"] == "0.5");
        Assert.True(metrics.Sum("collectorlb_connector_ejections_total") >= 1, "three failures in a row eject the connector");

        // Orleans' own meter is exported next to ours.
        Assert.Contains(metrics.Samples, s => s.Name.StartsWith("orleans_", StringComparison.Ordinal) && s.Labels.GetValueOrDefault("otel_scope_name") == "Microsoft.Orleans");
    }

    [Fact]
    public async Task Metrics_AfterADelivery_RuntimeHttpClientAndAspNetCoreMetersExportedAndEachGaugeNamesItsHost()
    {
        await using var silo = await SiloProcessHarness.StartAsync("meters-host", connectors: 1);
        var delivered = silo.DropFiles("nfcapd.20261203080", 1);
        await silo.WaitUntilDeliveredAsync(delivered.Keys);

        // The server's request metrics count finished requests: the first scrape is counted by the second.
        PrometheusText metrics = null!;
        await Eventually.TrueAsync(
            async () =>
            {
                metrics = await silo.MetricsAsync();
                return metrics.Value("collectorlb_ready", ("host", silo.HostId)) == 1
                    && metrics.Samples.Any(s => s.Name == "http_server_request_duration_seconds_count");
            },
            () => "the silo ready and a scrape counted");

        foreach (var (meter, sample) in new[]
        {
            ("System.Runtime", "dotnet_gc_heap_total_allocated_bytes_total"),
            ("System.Net.Http", "http_client_request_duration_seconds_count"),
            ("Microsoft.AspNetCore.Hosting", "http_server_request_duration_seconds_count"),
            ("Microsoft.AspNetCore.Server.Kestrel", "kestrel_active_connections"),
        })
        {
            Assert.Contains(metrics.Samples, s => s.Name == sample && s.Labels.GetValueOrDefault("otel_scope_name") == meter);
        }

        foreach (var gauge in new[]
        {
            "collectorlb_backlog_files", "collectorlb_quarantine_files", "collectorlb_uploads_in_flight", "collectorlb_oldest_waiting_file_age_seconds",
            "collectorlb_registry_last_success_timestamp_seconds", "collectorlb_connector_healthy", "collectorlb_ready",
        })
        {
            var sample = Assert.Single(metrics.Samples, s => s.Name == gauge);
            Assert.Equal(silo.HostId, sample.Labels.GetValueOrDefault("host"));
            Assert.Equal("gauge", metrics.Types[gauge]);
        }

        Assert.Equal(1, metrics.Value("collectorlb_connector_healthy", ("connector", "connector-1")));
    }
}
