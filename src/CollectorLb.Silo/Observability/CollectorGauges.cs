using System.Diagnostics.Metrics;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Options;
using CollectorLb.Silo.Watching;
using Microsoft.Extensions.Options;

namespace CollectorLb.Silo.Observability;

/// <summary>The observable gauges of meter <c>CollectorLb</c>: what is on disk and in flight when scraped.</summary>
internal sealed class CollectorGauges
{
    public CollectorGauges(IMeterFactory meterFactory, DiskCensus disk, UploadGate uploadGate, UnclaimableEntries unclaimable, IOptions<SpoolOptions> spool)
    {
        var meter = meterFactory.Create(CollectorMetrics.MeterName);
        var host = new KeyValuePair<string, object?>(MetricTags.Host, spool.Value.HostId);
        meter.CreateObservableGauge(
            "collectorlb.unclaimable.files",
            () => new Measurement<int>(unclaimable.Count, host),
            "{file}",
            "Flow files in the directory that cannot be claimed (and so are not sent); /readyz names them");
        meter.CreateObservableGauge("collectorlb.backlog.files", () => disk.Backlog, "{file}", "Flow files on disk not yet delivered (waiting in the directory or claimed)");
        meter.CreateObservableGauge("collectorlb.quarantine.files", () => disk.Quarantined, "{file}", "Files in the quarantine folder");
        meter.CreateObservableGauge("collectorlb.uploads.in_flight", () => uploadGate.InFlight, "{upload}", "Uploads running on this silo");
    }
}
