namespace CollectorLb.Silo.Observability.Health;

/// <summary>Ready only while this silo is an active member of the cluster (not joining, not shutting down).</summary>
internal sealed class SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        var data = new Dictionary<string, object> { ["silo"] = localSilo.Name, ["address"] = localSilo.SiloAddress.ToString() };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("active in the cluster", data)
            : HealthCheckResult.Unhealthy($"silo is {status}, not active in the cluster", data: data));
    }
}
