using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Options;

namespace CollectorLb.Silo.Delivery;

/// <summary>
/// Graceful shutdown: stops before the silo does, so no new upload starts, uploads already running get
/// <see cref="DeliveryOptions.ShutdownGraceSeconds"/> to finish, and the rest are cancelled. Unsent files stay on
/// disk and are picked up at the next start.
/// </summary>
internal sealed partial class UploadDrain(UploadGate gate, IOptions<DeliveryOptions> options, ILogger<UploadDrain> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var grace = options.Value.ShutdownGrace;
        LogDraining(logger, gate.InFlight, grace.TotalSeconds);
        if (await gate.DrainAsync(grace))
        {
            LogDrained(logger);
        }
        else
        {
            LogCancelled(logger, gate.InFlight);
        }
    }

    [LoggerMessage(LogLevel.Information, "stopping: no new uploads; waiting up to {GraceSeconds} s for {InFlight} running")] private static partial void LogDraining(ILogger logger, int inFlight, double graceSeconds);
    [LoggerMessage(LogLevel.Information, "stopping: every running upload finished")] private static partial void LogDrained(ILogger logger);
    [LoggerMessage(LogLevel.Warning, "stopping: grace period over, {InFlight} uploads cancelled; their files stay on disk for the next start")] private static partial void LogCancelled(ILogger logger, int inFlight);
}
