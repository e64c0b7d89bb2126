using System.Diagnostics.Metrics;

namespace CollectorLb.Grains.Observability;

/// <summary>
/// The collector's own instruments (meter <c>CollectorLb</c>; exported as <c>collectorlb_*</c>). Recorded where
/// things happen, on the file's own silo, so no grain sits on the hot path just for statistics.
/// </summary>
public sealed class CollectorMetrics
{
    public const string MeterName = "CollectorLb";

    public CollectorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        FilesDetected = meter.CreateCounter<long>("collectorlb.files.detected", "{file}", "Completed flow files claimed and handed to their grain");
        FilesDelivered = meter.CreateCounter<long>("collectorlb.files.delivered", "{file}", "Files a connector acknowledged");
        FilesDeleted = meter.CreateCounter<long>("collectorlb.files.deleted", "{file}", "Acknowledged files removed from disk");
        UploadFailures = meter.CreateCounter<long>("collectorlb.upload.failures", "{attempt}", "Upload attempts that did not end in an acknowledgement");
        FilesQuarantined = meter.CreateCounter<long>("collectorlb.files.quarantined", "{file}", "Files moved to quarantine");
        FilesRequeued = meter.CreateCounter<long>("collectorlb.files.requeued", "{file}", "Quarantined files released by an operator");
        Duplicates = meter.CreateCounter<long>("collectorlb.files.duplicates", "{file}", "Files sent again after an upload whose outcome was lost (the connector may have them twice)");
        BytesDelivered = meter.CreateCounter<long>("collectorlb.bytes.delivered", "By", "Bytes of acknowledged files");
        UploadDuration = meter.CreateHistogram<double>("collectorlb.upload.duration", "s", "Time of one upload attempt, answer included");
        DeliveryLatency = meter.CreateHistogram<double>("collectorlb.delivery.latency", "s", "From detection to the connector's acknowledgement");
        ConnectorEjections = meter.CreateCounter<long>("collectorlb.connector.ejections", "{ejection}", "Connectors taken out of rotation after consecutive failures");
    }

    public Counter<long> FilesDetected { get; }

    public Counter<long> FilesDelivered { get; }

    public Counter<long> FilesDeleted { get; }

    public Counter<long> UploadFailures { get; }

    public Counter<long> FilesQuarantined { get; }

    public Counter<long> FilesRequeued { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> BytesDelivered { get; }

    public Histogram<double> UploadDuration { get; }

    public Histogram<double> DeliveryLatency { get; }

    public Counter<long> ConnectorEjections { get; }
}
