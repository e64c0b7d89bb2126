using System.Diagnostics.Metrics;

namespace CollectorLb.Grains.Observability;

/// <summary>
/// The collector's own instruments (meter <c>CollectorLb</c>; exported as <c>collectorlb_*</c>). Recorded where
/// things happen, on the file's own silo, so no grain sits on the hot path just for statistics.
/// </summary>
public sealed class CollectorMetrics
{
    public const string MeterName = "CollectorLb";

    // Instrument names, for whatever listens to or configures one of them.
    public const string FilesDetectedName = "collectorlb.files.detected";
    public const string FilesDeliveredName = "collectorlb.files.delivered";
    public const string FilesDeletedName = "collectorlb.files.deleted";
    public const string UploadFailuresName = "collectorlb.upload.failures";
    public const string FilesQuarantinedName = "collectorlb.files.quarantined";
    public const string FilesRequeuedName = "collectorlb.files.requeued";
    public const string DuplicatesName = "collectorlb.files.duplicates";
    public const string BytesDeliveredName = "collectorlb.bytes.delivered";
    public const string UploadDurationName = "collectorlb.upload.duration";
    public const string DeliveryLatencyName = "collectorlb.delivery.latency";
    public const string ConnectorEjectionsName = "collectorlb.connector.ejections";

    public CollectorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        FilesDetected = meter.CreateCounter<long>(FilesDetectedName, "{file}", "Completed flow files claimed and handed to their grain");
        FilesDelivered = meter.CreateCounter<long>(FilesDeliveredName, "{file}", "Files a connector acknowledged");
        FilesDeleted = meter.CreateCounter<long>(FilesDeletedName, "{file}", "Acknowledged files removed from disk");
        UploadFailures = meter.CreateCounter<long>(UploadFailuresName, "{attempt}", "Upload attempts that did not end in an acknowledgement");
        FilesQuarantined = meter.CreateCounter<long>(FilesQuarantinedName, "{file}", "Files moved to quarantine");
        FilesRequeued = meter.CreateCounter<long>(FilesRequeuedName, "{file}", "Quarantined files released by an operator");
        Duplicates = meter.CreateCounter<long>(DuplicatesName, "{file}", "Files sent again after an upload whose outcome was lost (the connector may have them twice)");
        BytesDelivered = meter.CreateCounter<long>(BytesDeliveredName, "By", "Bytes of acknowledged files");
        UploadDuration = meter.CreateHistogram<double>(UploadDurationName, "s", "Time of one upload attempt, answer included");
        DeliveryLatency = meter.CreateHistogram<double>(DeliveryLatencyName, "s", "From detection to the connector's acknowledgement");
        ConnectorEjections = meter.CreateCounter<long>(ConnectorEjectionsName, "{ejection}", "Connectors taken out of rotation after consecutive failures");
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
