using CollectorLb.Grains.Spool;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CollectorLb.Silo.Observability.Health;

/// <summary>Ready while the flow directory takes a new file (the spool, quarantine and nfcapd all write there).</summary>
internal sealed class FlowDirectoryHealthCheck(FileSpool spool) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["directory"] = spool.FlowDirectory };

        // Hidden, so the watcher never takes it for a flow file; removed when closed.
        var probe = Path.Combine(spool.FlowDirectory, $".readyz-{Guid.NewGuid():N}");
        try
        {
            await using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await stream.WriteAsync(new byte[] { 1 }, cancellationToken);
            return HealthCheckResult.Healthy("writable", data);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"cannot write: {ex.Message}", data: data);
        }
    }
}
