using System.Diagnostics.Metrics;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Options;
using CollectorLb.Silo.Configuration;
using CollectorLb.Silo.Nfcapd;
using CollectorLb.Silo.Observability.Health;
using CollectorLb.Silo.Watching;

namespace CollectorLb.Silo.Observability;

/// <summary>
/// The observable instruments of meter <c>CollectorLb</c>: what is on disk and in flight, nfcapd, the pool as this
/// silo last saw it and readiness, read when scraped. Each series carries the host it comes from. The Prometheus
/// names are the instrument names with dots as underscores, the unit's word appended (<c>s</c>: <c>_seconds</c>)
/// and <c>_total</c> for counters.
/// </summary>
internal sealed class CollectorGauges
{
    private readonly KeyValuePair<string, object?> _host;

    public CollectorGauges(
        IMeterFactory meterFactory,
        IOptions<HostIdentityOptions> identity,
        DiskCensus disk,
        UploadGate uploadGate,
        NfcapdSupervisor nfcapd,
        IOptions<NfcapdOptions> nfcapdOptions,
        ConnectorPoolWatch pool,
        ReadinessState readiness,
        UnclaimableEntries unclaimable)
    {
        _host = new KeyValuePair<string, object?>(MetricTags.Host, identity.Value.HostId);
        var nfcapdEnabled = nfcapdOptions.Value.Enabled;
        var meter = meterFactory.Create(CollectorMetrics.MeterName);

        meter.CreateObservableGauge("collectorlb.backlog.files", () => Measure(disk.Backlog), "{file}", "Flow files on disk not yet delivered (waiting in the directory or claimed)");
        meter.CreateObservableGauge("collectorlb.quarantine.files", () => Measure(disk.Quarantined), "{file}", "Files in the quarantine folder");
        meter.CreateObservableGauge("collectorlb.uploads.in_flight", () => Measure(uploadGate.InFlight), "{upload}", "Uploads running on this silo");
        meter.CreateObservableGauge(
            "collectorlb.unclaimable.files", () => Measure(unclaimable.Count), "{file}", "Flow files in the directory that cannot be claimed (and so are not sent); /readyz names them");
        meter.CreateObservableGauge(
            "collectorlb.oldest_waiting_file.age", () => Measure(disk.OldestWaitingAge.TotalSeconds), "s", "Since the oldest flow file not yet delivered (waiting or claimed) was written; 0 when none");

        // Not exported at all when nfcapd is disabled by configuration: nothing to be up or to restart.
        meter.CreateObservableGauge(
            "collectorlb.nfcapd.up", () => nfcapdEnabled ? [Measure(nfcapd.Status == NfcapdStatus.Running ? 1 : 0)] : Array.Empty<Measurement<int>>(), description: "1 while nfcapd runs, 0 while it is starting, restarting, missing or stopped");
        meter.CreateObservableCounter(
            "collectorlb.nfcapd.restarts", () => nfcapdEnabled ? [Measure(nfcapd.Restarts)] : Array.Empty<Measurement<int>>(), "{restart}", "Times nfcapd exited and was started again");

        meter.CreateObservableGauge(
            "collectorlb.registry.last_success_timestamp", () => RegistryAnsweredAt(pool), "s", "Unix time of the pool's last good registry read, as this silo last saw it; 0 before the first");
        meter.CreateObservableGauge("collectorlb.connector.healthy", () => ConnectorHealth(pool), description: "1 while the pool lets the connector take files, 0 while it is ejected");
        meter.CreateObservableGauge(
            "collectorlb.ready", () => Measure(readiness.IsReady == true ? 1 : 0), description: "1 when /readyz answers 200 (checked every 5 s)");
    }

    private Measurement<T> Measure<T>(T value) where T : struct => new(value, _host);

    private IEnumerable<Measurement<double>> RegistryAnsweredAt(ConnectorPoolWatch pool) =>
        pool.Latest is { } snapshot
            ? [Measure(snapshot.RegistryAnsweredAt is { } at ? at.ToUnixTimeMilliseconds() / 1000.0 : 0)]
            : [];

    private IEnumerable<Measurement<int>> ConnectorHealth(ConnectorPoolWatch pool) =>
        (pool.Latest?.Connectors ?? [])
            .Select(connector => new Measurement<int>(connector.EjectedUntil is null ? 1 : 0, _host, new KeyValuePair<string, object?>(MetricTags.Connector, connector.Name)));
}
