using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Connectors;

namespace CollectorLb.Grains.Files;

/// <summary>
/// One file's request for a connector. After an attempt the downstream failed (an outage) it asks for a healthy
/// connector only, rather than the least bad; with none free the file waits on disk and asks again after
/// <paramref name="retryDelay"/>, said once per wait.
/// </summary>
internal sealed partial class ConnectorWait(ConnectorLeases leases, AttemptTimer attempts, TimeSpan retryDelay, ILogger logger)
{
    private bool _waiting;

    /// <summary>The last attempt failed downstream: the next waits for a healthy connector rather than try the least bad.</summary>
    public bool AfterOutage { get; set; }

    /// <summary>A lease, or null when no connector is free (the next request is scheduled).</summary>
    public async Task<ConnectorLease?> AcquireAsync(FileKey key, FileState state)
    {
        var lease = await leases.AcquireAsync(new LeaseRequest(key.ToString(), state.SizeBytes, state.ConnectorsTried) { OnlyHealthy = AfterOutage });
        if (lease is not null)
        {
            _waiting = false;
            return lease;
        }

        if (!_waiting)
        {
            _waiting = true;
            LogNoConnector(logger, key.FileName);
        }

        attempts.Schedule(retryDelay);
        return null;
    }

    [LoggerMessage(LogLevel.Warning, "no connector free for {FileName} (none listed, all busy or all ejected); it waits on disk")] private static partial void LogNoConnector(ILogger logger, string fileName);
}
