using System.Diagnostics.Metrics;
using CollectorLb.Abstractions.Hosts;
using CollectorLb.Grains.Observability;

namespace CollectorLb.Silo.Observability;

/// <summary>
/// Listens to this silo's own <see cref="CollectorMetrics"/> instruments (only the meter made by this silo's
/// <see cref="IMeterFactory"/>: test clusters run several silos in one process) and keeps their totals and the
/// last hour's window, so the dashboard shows the numbers <c>/metrics</c> exports. A hosted service only so it
/// is created, and listening, before the silo starts.
/// </summary>
internal sealed class DeliveryMeterListener : IHostedService, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly IMeterFactory _meterFactory;
    private readonly StatisticsWindow _window;
    private readonly Dictionary<string, Action<double>> _recorders;
    private long _detected, _delivered, _deleted, _failures, _quarantined, _requeued, _duplicates, _bytes, _ejections;

    public DeliveryMeterListener(IMeterFactory meterFactory, StatisticsWindow window, TimeProvider timeProvider)
    {
        ListeningSince = timeProvider.GetUtcNow();
        _meterFactory = meterFactory;
        _window = window;
        _recorders = new Dictionary<string, Action<double>>(StringComparer.Ordinal)
        {
            [CollectorMetrics.FilesDetectedName] = v => Interlocked.Add(ref _detected, (long)v),
            [CollectorMetrics.FilesDeliveredName] = v =>
            {
                Interlocked.Add(ref _delivered, (long)v);
                _window.FilesDelivered((long)v);
            },
            [CollectorMetrics.FilesDeletedName] = v => Interlocked.Add(ref _deleted, (long)v),
            [CollectorMetrics.UploadFailuresName] = v =>
            {
                Interlocked.Add(ref _failures, (long)v);
                _window.UploadFailures((long)v);
            },
            [CollectorMetrics.FilesQuarantinedName] = v => Interlocked.Add(ref _quarantined, (long)v),
            [CollectorMetrics.FilesRequeuedName] = v => Interlocked.Add(ref _requeued, (long)v),
            [CollectorMetrics.DuplicatesName] = v => Interlocked.Add(ref _duplicates, (long)v),
            [CollectorMetrics.BytesDeliveredName] = v =>
            {
                Interlocked.Add(ref _bytes, (long)v);
                _window.BytesDelivered((long)v);
            },
            [CollectorMetrics.ConnectorEjectionsName] = v => Interlocked.Add(ref _ejections, (long)v),
            [CollectorMetrics.UploadDurationName] = _window.UploadDuration,
            [CollectorMetrics.DeliveryLatencyName] = _window.DeliveryLatency,
        };

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CollectorMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, _meterFactory) && _recorders.ContainsKey(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument, _recorders[instrument.Name]);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, state) => ((Action<double>)state!)(value));
        _listener.SetMeasurementEventCallback<double>((_, value, _, state) => ((Action<double>)state!)(value));
        _listener.Start();
    }

    /// <summary>When the counts start: the silo's start.</summary>
    public DateTimeOffset ListeningSince { get; }

    public DeliveryTotals Totals => new()
    {
        FilesDetected = Interlocked.Read(ref _detected),
        FilesDelivered = Interlocked.Read(ref _delivered),
        FilesDeleted = Interlocked.Read(ref _deleted),
        UploadFailures = Interlocked.Read(ref _failures),
        FilesQuarantined = Interlocked.Read(ref _quarantined),
        FilesRequeued = Interlocked.Read(ref _requeued),
        Duplicates = Interlocked.Read(ref _duplicates),
        BytesDelivered = Interlocked.Read(ref _bytes),
        ConnectorEjections = Interlocked.Read(ref _ejections),
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();
}
