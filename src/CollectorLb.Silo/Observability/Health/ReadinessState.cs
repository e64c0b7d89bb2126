namespace CollectorLb.Silo.Observability.Health;

/// <summary>
/// Whether <c>/readyz</c> would answer 200, from the readiness checks the health check publisher runs every
/// <see cref="Period"/>: a gauge, so Prometheus sees an unready silo that no probe asked about.
/// </summary>
internal sealed class ReadinessState : IHealthCheckPublisher
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    private const int Unknown = 0, Ready = 1, Unready = 2;

    private int _state = Unknown;

    /// <summary>Null until the checks ran once.</summary>
    public bool? IsReady => Volatile.Read(ref _state) switch
    {
        Ready => true,
        Unready => false,
        _ => null,
    };

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        // /readyz answers 503 only when a check is unhealthy (degraded still answers 200).
        Volatile.Write(ref _state, report.Status == HealthStatus.Unhealthy ? Unready : Ready);
        return Task.CompletedTask;
    }
}
