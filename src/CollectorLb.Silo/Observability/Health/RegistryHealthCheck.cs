using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Options;

namespace CollectorLb.Silo.Observability.Health;

/// <summary>
/// Ready while the registry answered the pool within a few refresh periods. The pool keeps serving its last
/// list when the registry is down, but a list that old may name connectors that are gone.
/// </summary>
internal sealed class RegistryHealthCheck(
    ConnectorPoolReference connectorPool,
    IOptions<RegistryOptions> registryOptions,
    IOptions<ConnectorPoolOptions> poolOptions,
    TimeProvider timeProvider) : IHealthCheck
{
    private static readonly TimeSpan PoolTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MinSilence = TimeSpan.FromSeconds(30);

    /// <summary>Three refreshes missed (at least 30 s) is no longer "recently".</summary>
    public TimeSpan MaxSilence
    {
        get
        {
            var threeRefreshes = 3 * poolOptions.Value.RegistryRefreshPeriod;
            return threeRefreshes > MinSilence ? threeRefreshes : MinSilence;
        }
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var registry = registryOptions.Value.BaseUrl;
        var data = new Dictionary<string, object> { ["registry"] = registry };
        ConnectorPoolSnapshot snapshot;
        try
        {
            snapshot = await connectorPool.Pool.GetSnapshot().WaitAsync(PoolTimeout, timeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the connector pool did not answer: {ex.Message}", data: data);
        }

        data["connectors"] = snapshot.Connectors.Count;
        if (snapshot.RegistryAnsweredAt is not { } answeredAt)
        {
            return HealthCheckResult.Unhealthy($"the registry has not answered yet{Reason(snapshot)}", data: data);
        }

        data["answeredAt"] = answeredAt;
        var silence = timeProvider.GetUtcNow() - answeredAt;
        return silence <= MaxSilence
            ? HealthCheckResult.Healthy($"answered {silence.TotalSeconds:0} s ago", data)
            : HealthCheckResult.Unhealthy($"last answered {silence.TotalSeconds:0} s ago{Reason(snapshot)}", data: data);
    }

    private static string Reason(ConnectorPoolSnapshot snapshot) => snapshot.RegistryError is { } error ? $" ({error})" : string.Empty;
}
