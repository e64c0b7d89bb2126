using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Options;

namespace CollectorLb.Silo.Observability;

/// <summary>
/// This silo's latest view of the connector pool (registry freshness, connector health) for the gauges: read on a
/// timer, so a scrape never waits on a grain call. Every <see cref="MaxPeriod"/>, or each registry refresh when
/// those are more frequent.
/// </summary>
internal sealed partial class ConnectorPoolWatch(
    ConnectorPoolReference connectorPool,
    IOptions<ConnectorPoolOptions> poolOptions,
    TimeProvider timeProvider,
    ILogger<ConnectorPoolWatch> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private volatile ConnectorPoolSnapshot? _latest;

    /// <summary>The pool's last answer to this silo; null until it answered once.</summary>
    public ConnectorPoolSnapshot? Latest => _latest;

    private TimeSpan Period => poolOptions.Value.RegistryRefreshPeriod < MaxPeriod ? poolOptions.Value.RegistryRefreshPeriod : MaxPeriod;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, timeProvider);
        try
        {
            do
            {
                await ReadAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task ReadAsync(CancellationToken stoppingToken)
    {
        try
        {
            _latest = await connectorPool.Pool.GetSnapshot().WaitAsync(CallTimeout, timeProvider, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Keeps the last view: its registry timestamp stops moving, which is what the registry-stale alert watches.
            LogReadFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(LogLevel.Debug, "the connector pool did not answer the metrics' read: {Reason}")] private static partial void LogReadFailed(ILogger logger, string reason);
}
