using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Hosts;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Placement;
using CollectorLb.Grains.Spool;
using Microsoft.Extensions.Logging;

namespace CollectorLb.Grains.Hosts;

/// <summary>
/// Reads one host's local statistics and quarantine folder. Keyed by the host id and placed on that host's silo;
/// should an activation still land elsewhere, it refuses and deactivates. Holds no state of its own.
/// </summary>
[HostAffinePlacement]
internal sealed partial class HostGrain(
    IHostStatisticsSource statistics,
    QuarantineStore quarantine,
    FileSpool spool,
    ILogger<HostGrain> logger) : Grain, IHostGrain
{
    public Task<HostStatistics> GetStatistics()
    {
        EnsureOnOwnSilo();
        return Task.FromResult(statistics.Capture());
    }

    public Task<IReadOnlyList<FileSnapshot>> GetRecentFiles(FileQuery query)
    {
        EnsureOnOwnSilo();
        return Task.FromResult(statistics.RecentFiles(query));
    }

    public Task<IReadOnlyList<QuarantinedFile>> GetQuarantine()
    {
        EnsureOnOwnSilo();
        return Task.FromResult(quarantine.List()); // the cluster view sorts every host's list together
    }

    public async Task<RequeueAnswer> Requeue(string fileKey)
    {
        EnsureOnOwnSilo();
        FileKey key;
        try
        {
            key = FileKey.Parse(fileKey);
        }
        catch (FormatException ex)
        {
            return new RequeueAnswer(RequeueOutcome.NotFound, null, ex.Message);
        }

        if (key.HostId != spool.HostId)
        {
            return new RequeueAnswer(RequeueOutcome.NotThisHost, fileKey, $"{fileKey} belongs to host '{key.HostId}', not '{spool.HostId}'.");
        }

        var outcome = await GrainFactory.GetGrain<IFileGrain>(fileKey).Requeue();
        LogRequeue(logger, fileKey, outcome);
        return outcome switch
        {
            RequeueOutcome.Requeued => new RequeueAnswer(outcome, fileKey, $"{key.FileName} is back in the spool and being delivered."),
            RequeueOutcome.FileMissing => new RequeueAnswer(outcome, fileKey, $"{key.FileName} is quarantined but its bytes are gone from {quarantine.Directory}."),
            _ => new RequeueAnswer(RequeueOutcome.NotQuarantined, fileKey, $"{key.FileName} is not in quarantine."),
        };
    }

    private void EnsureOnOwnSilo()
    {
        var key = this.GetPrimaryKeyString();
        if (!string.Equals(key, spool.HostId, StringComparison.Ordinal))
        {
            DeactivateOnIdle();
            throw new InvalidOperationException($"The host grain of '{key}' was placed on the silo of host '{spool.HostId}'; it must run on the silo of that host.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "operator requeue of {FileKey}: {Result}")]
    private static partial void LogRequeue(ILogger logger, string fileKey, RequeueOutcome result);
}
