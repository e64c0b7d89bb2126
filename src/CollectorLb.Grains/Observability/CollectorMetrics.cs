using System.Diagnostics.Metrics;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Files;
using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Observability;

/// <summary>
/// The collector's own instruments (meter <c>CollectorLb</c>; exported as <c>collectorlb_*</c>), each series labelled
/// with this silo's host. Recorded where things happen, on the file's own silo, so no grain sits on the hot path
/// just for statistics. Label values come from fixed sets, so the series stay few. Files' counters are fed by their
/// transitions; the pool's by the pool.
/// </summary>
public sealed class CollectorMetrics : IFileTransitionObserver
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
    public const string BytesDeliveredName = "collectorlb.delivered.bytes";
    public const string UploadDurationName = "collectorlb.upload.duration";
    public const string DeliveryLatencyName = "collectorlb.delivery.latency";
    public const string ConnectorEjectionsName = "collectorlb.connector.ejections";

    private readonly KeyValuePair<string, object?> _host;
    private readonly Counter<long> _filesDetected;
    private readonly Counter<long> _filesDelivered;
    private readonly Counter<long> _filesDeleted;
    private readonly Counter<long> _uploadFailures;
    private readonly Counter<long> _filesQuarantined;
    private readonly Counter<long> _filesRequeued;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _bytesDelivered;
    private readonly Histogram<double> _uploadDuration;
    private readonly Histogram<double> _deliveryLatency;
    private readonly Counter<long> _connectorEjections;

    public CollectorMetrics(IMeterFactory meterFactory, IOptions<HostIdentityOptions> identity)
    {
        _host = new(MetricTags.Host, identity.Value.HostId);
        var meter = meterFactory.Create(MeterName);
        _filesDetected = meter.CreateCounter<long>(FilesDetectedName, "{file}", "Completed flow files claimed and handed to their grain");
        _filesDelivered = meter.CreateCounter<long>(FilesDeliveredName, "{file}", "Files a connector acknowledged");
        _filesDeleted = meter.CreateCounter<long>(FilesDeletedName, "{file}", "Acknowledged files removed from disk");
        _uploadFailures = meter.CreateCounter<long>(UploadFailuresName, "{attempt}", "Upload attempts that did not end in an acknowledgement, by reason");
        _filesQuarantined = meter.CreateCounter<long>(FilesQuarantinedName, "{file}", "Files moved to quarantine, by reason");
        _filesRequeued = meter.CreateCounter<long>(FilesRequeuedName, "{file}", "Quarantined files released by an operator");
        _duplicates = meter.CreateCounter<long>(DuplicatesName, "{file}", "Files sent again after an upload whose outcome is unknown (the connector may have them twice)");
        _bytesDelivered = meter.CreateCounter<long>(BytesDeliveredName, "By", "Bytes of acknowledged files");
        _uploadDuration = meter.CreateHistogram<double>(UploadDurationName, "s", "Time of one upload attempt, answer included");
        _deliveryLatency = meter.CreateHistogram<double>(DeliveryLatencyName, "s", "From detection to the connector's acknowledgement");
        _connectorEjections = meter.CreateCounter<long>(ConnectorEjectionsName, "{ejection}", "Connectors taken out of rotation after consecutive failures");
    }

    private long _ejections;

    /// <summary>Connectors ejected by the pool while it ran on this silo.</summary>
    public long Ejections => Interlocked.Read(ref _ejections);

    public void OnTransition(FileTransition transition)
    {
        switch (transition.Event)
        {
            case FileEvent.Detected when transition.IsFirstDetection:
                _filesDetected.Add(1, _host);
                break;
            case FileEvent.Sent when transition is { Connector: { } connector, Upload: { } upload }:
                _uploadDuration.Record(upload.Duration.TotalSeconds, _host, Connector(connector));
                _filesDelivered.Add(1, _host, Connector(connector));
                _bytesDelivered.Add(upload.BytesSent, _host, Connector(connector));
                if (transition.SinceDetection(transition.File.Timeline.SentAt ?? DateTimeOffset.UtcNow) is { } latency)
                {
                    _deliveryLatency.Record(latency.TotalSeconds, _host);
                }

                if (transition.PossibleDuplicate)
                {
                    _duplicates.Add(1, _host);
                }

                break;
            case FileEvent.AttemptFailed when transition.Upload is { } upload:
                var connectorName = transition.Connector ?? "(none)";
                if (transition.Connector is not null)
                {
                    _uploadDuration.Record(upload.Duration.TotalSeconds, _host, Connector(connectorName));
                }

                _uploadFailures.Add(1, _host, Connector(connectorName), new(MetricTags.Reason, FailureReason(upload.Outcome)));
                break;
            case FileEvent.Deleted:
                _filesDeleted.Add(1, _host);
                break;
            case FileEvent.Quarantined:
                _filesQuarantined.Add(1, _host, new(MetricTags.Reason, QuarantineReason(transition.QuarantineCause ?? QuarantineCause.Invalid)));
                break;
            case FileEvent.Requeued:
                _filesRequeued.Add(1, _host);
                break;
        }
    }

    public void ConnectorEjected(string connector)
    {
        Interlocked.Increment(ref _ejections);
        _connectorEjections.Add(1, _host, Connector(connector));
    }

    private static KeyValuePair<string, object?> Connector(string name) => new(MetricTags.Connector, name);

    private static string FailureReason(UploadOutcome outcome) => outcome switch
    {
        UploadOutcome.Refused => "refused",
        UploadOutcome.Unavailable => "unavailable",
        UploadOutcome.NoAnswer => "no_answer",
        UploadOutcome.Unreadable => "unreadable",
        UploadOutcome.Cancelled => "cancelled",
        _ => "other",
    };

    private static string QuarantineReason(QuarantineCause cause) => cause switch
    {
        QuarantineCause.Invalid => "invalid",
        QuarantineCause.MaxAttempts => "max_attempts",
        _ => "missing",
    };
}
