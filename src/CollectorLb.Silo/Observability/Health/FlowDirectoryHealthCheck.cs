using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Watching;

namespace CollectorLb.Silo.Observability.Health;

/// <summary>
/// Ready while the flow directory takes a new file (the spool, quarantine and nfcapd all write there). Its data
/// also names the entries the watcher cannot claim: worth an operator's look, but one bad file does not take the
/// silo out of rotation.
/// </summary>
internal sealed class FlowDirectoryHealthCheck(FileSpool spool, UnclaimableEntries unclaimable) : IHealthCheck
{
    private const int MaxNamedEntries = 20;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["directory"] = spool.FlowDirectory, ["unclaimable"] = unclaimable.Count };
        if (unclaimable.Count > 0)
        {
            data["unclaimableEntries"] = unclaimable.Take(MaxNamedEntries);
        }

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
