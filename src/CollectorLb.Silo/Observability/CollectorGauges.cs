using System.Diagnostics.Metrics;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Observability;

namespace CollectorLb.Silo.Observability;

/// <summary>The observable gauges of meter <c>CollectorLb</c>: what is on disk and in flight when scraped.</summary>
internal sealed class CollectorGauges
{
    public CollectorGauges(IMeterFactory meterFactory, DiskCensus disk, UploadGate uploadGate)
    {
        var meter = meterFactory.Create(CollectorMetrics.MeterName);
        meter.CreateObservableGauge("collectorlb.backlog.files", () => disk.Backlog, "{file}", "Flow files on disk not yet delivered (waiting in the directory or claimed)");
        meter.CreateObservableGauge("collectorlb.quarantine.files", () => disk.Quarantined, "{file}", "Files in the quarantine folder");
        meter.CreateObservableGauge("collectorlb.uploads.in_flight", () => uploadGate.InFlight, "{upload}", "Uploads running on this silo");
    }
}
