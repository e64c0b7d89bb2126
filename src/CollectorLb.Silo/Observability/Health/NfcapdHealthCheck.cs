using CollectorLb.Silo.Nfcapd;

namespace CollectorLb.Silo.Observability.Health;

/// <summary>Ready while nfcapd runs, or when it is disabled on purpose; not while it is restarting or missing.</summary>
internal sealed class NfcapdHealthCheck(NfcapdSupervisor supervisor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = supervisor.Status;
        var data = new Dictionary<string, object> { ["status"] = status.ToString(), ["restarts"] = supervisor.Restarts };
        if (supervisor.ProcessId is { } pid)
        {
            data["pid"] = pid;
        }

        return Task.FromResult(status switch
        {
            NfcapdStatus.Running => HealthCheckResult.Healthy("nfcapd is running", data),
            NfcapdStatus.Disabled => HealthCheckResult.Healthy("nfcapd is disabled by configuration", data),
            NfcapdStatus.NotInstalled => HealthCheckResult.Unhealthy("nfcapd is not installed (package nfdump)", data: data),
            _ => HealthCheckResult.Unhealthy($"nfcapd is {status.ToString().ToLowerInvariant()}", data: data),
        });
    }
}
