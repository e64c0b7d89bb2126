using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Placement;
using CollectorLb.Grains.Spool;

namespace CollectorLb.Grains.ClusterView;

/// <summary>
/// Reads one host's local statistics and quarantine folder. Keyed by the host id and placed on that host's silo;
/// should an activation still land elsewhere, it refuses and deactivates. Holds no state of its own, so it is
/// reentrant: a bulk requeue batch waiting on file grains never holds up the statistics the dashboard reads, and
/// the disk is read off the grain's turn.
/// </summary>
[HostAffinePlacement]
[Reentrant]
internal sealed partial class HostGrain(
    IHostStatisticsSource statistics,
    QuarantineStore quarantine,
    FileSpool spool,
    TimeProvider timeProvider,
    ILogger<HostGrain> logger) : Grain, IHostGrain
{
    /// <summary>Sidecars one page may read when a reason filter skips most of them; the page then ends early with its cursor.</summary>
    internal const int MaxSidecarReadsPerCall = 2000;

    /// <summary>
    /// A bulk requeue batch releases at most this many files, and starts none after <see cref="RequeueBatchBudget"/>:
    /// with 16 file grains at a time (a release is two renames and a state write) a batch ends within seconds,
    /// well inside the 30 s a grain call may take, whatever the quarantine holds. The client repeats rounds.
    /// </summary>
    internal const int MaxFilesPerRequeueBatch = 1000;

    internal const int RequeueConcurrency = 16;

    internal static readonly TimeSpan RequeueBatchBudget = TimeSpan.FromSeconds(5);

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

    public async Task<HostQuarantinePage> GetQuarantinePage(HostQuarantineQuery query)
    {
        EnsureOnOwnSilo();
        if (query.Limit is < 1 or > QuarantineQuery.MaxLimit || OperatorInput.CheckReasonFilter(query.Reason) is not null)
        {
            throw new ArgumentException($"A page holds 1 to {QuarantineQuery.MaxLimit} files and a reason filter at most {OperatorInput.MaxReasonFilterLength} characters.", nameof(query));
        }

        var scan = await Task.Run(() => quarantine.Scan(query.After, query.Limit, file => QuarantineReason.Matches(file, query.Reason), Math.Max(query.Limit, MaxSidecarReadsPerCall)));
        return new HostQuarantinePage { HostId = spool.HostId, Entries = scan.Entries, ExaminedUpTo = scan.ExaminedUpTo, More = scan.More, Total = scan.Total };
    }

    public async Task<IReadOnlyList<string>> FindQuarantined(string fileName)
    {
        EnsureOnOwnSilo();
        if (OperatorInput.CheckFileName(fileName) is { } problem)
        {
            throw new ArgumentException(problem, nameof(fileName));
        }

        var found = await Task.Run(() => quarantine.FindByName(fileName));
        return found.Select(f => f.Key).Distinct().ToList();
    }

    public async Task<RequeueAnswer> Requeue(string fileKey)
    {
        EnsureOnOwnSilo();
        if (OperatorInput.CheckKey(fileKey) is { } problem)
        {
            return new RequeueAnswer(RequeueOutcome.Invalid, null, problem);
        }

        var key = FileKey.Parse(fileKey);
        if (key.HostId != spool.HostId)
        {
            return new RequeueAnswer(RequeueOutcome.NotThisHost, fileKey, $"{fileKey} belongs to host '{key.HostId}', not '{spool.HostId}'.");
        }

        var outcome = await GrainFactory.GetGrain<IFileGrain>(fileKey).Requeue();
        LogRequeue(logger, fileKey, outcome);
        return Answer(key, outcome);
    }

    public async Task<HostRequeueBatch> RequeueBatch(HostRequeueRequest request)
    {
        EnsureOnOwnSilo();
        if (OperatorInput.CheckReasonFilter(request.Reason) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var scan = await Task.Run(() => quarantine.Scan(
            request.After, MaxFilesPerRequeueBatch, file => QuarantineReason.Matches(file, request.Reason), MaxSidecarReadsPerCall));
        var deadline = timeProvider.GetUtcNow() + RequeueBatchBudget;
        var outcomes = new RequeueAnswer?[scan.Entries.Count];
        var started = 0;

        // Workers take the files in order and none starts after the deadline, so the files dealt with are always a
        // prefix of the scan: the next batch goes on after the last of them.
        async Task WorkAsync()
        {
            while (started < scan.Entries.Count && timeProvider.GetUtcNow() < deadline)
            {
                var index = started++;
                outcomes[index] = await RequeueOneAsync(scan.Entries[index].File.Key);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, RequeueConcurrency).Select(_ => WorkAsync()));
        var tally = Tally(outcomes.Take(started).OfType<RequeueAnswer>());
        var finished = started == scan.Entries.Count;
        var next = finished ? scan.ExaminedUpTo ?? request.After : started > 0 ? scan.Entries[started - 1].Position : request.After;
        LogRequeueBatch(logger, tally.Requeued, tally.Refused, finished && !scan.More);
        return new HostRequeueBatch { Tally = tally, Next = next, Done = finished && !scan.More };
    }

    /// <summary>One file of a batch: whatever goes wrong with it is counted against it, never against the batch.</summary>
    private async Task<RequeueAnswer> RequeueOneAsync(string fileKey)
    {
        try
        {
            return await Requeue(fileKey);
        }
        catch (Exception ex)
        {
            LogRequeueFailed(logger, ex, fileKey);
            return new RequeueAnswer(RequeueOutcome.HostUnreachable, fileKey, $"{fileKey} could not be requeued: {ex.Message}");
        }
    }

    private static RequeueTally Tally(IEnumerable<RequeueAnswer> answers)
    {
        long requeued = 0, missing = 0, notQuarantined = 0, failed = 0;
        var examples = new List<RequeueAnswer>();
        foreach (var answer in answers)
        {
            switch (answer.Outcome)
            {
                case RequeueOutcome.Requeued:
                    requeued++;
                    break;
                case RequeueOutcome.FileMissing:
                    missing++;
                    break;
                case RequeueOutcome.NotQuarantined:
                    notQuarantined++;
                    break;
                default:
                    failed++;
                    break;
            }

            if (!answer.Succeeded && examples.Count < RequeueTally.MaxExamples)
            {
                examples.Add(answer);
            }
        }

        return new RequeueTally { Requeued = requeued, FileMissing = missing, NotQuarantined = notQuarantined, Failed = failed, Examples = examples };
    }

    private RequeueAnswer Answer(FileKey key, RequeueOutcome outcome) => outcome switch
    {
        RequeueOutcome.Requeued => new RequeueAnswer(outcome, key.ToString(), $"{key.FileName} is back in the spool and being delivered."),
        RequeueOutcome.FileMissing => new RequeueAnswer(outcome, key.ToString(), $"{key.FileName} is quarantined but its bytes are gone from {quarantine.Directory}."),
        _ => new RequeueAnswer(RequeueOutcome.NotQuarantined, key.ToString(), $"{key.FileName} is not in quarantine."),
    };

    private void EnsureOnOwnSilo()
    {
        var key = this.GetPrimaryKeyString();
        if (!string.Equals(key, spool.HostId, StringComparison.Ordinal))
        {
            DeactivateOnIdle();
            throw new InvalidOperationException($"The host grain of '{key}' was placed on the silo of host '{spool.HostId}'; it must run on the silo of that host.");
        }
    }

    [LoggerMessage(LogLevel.Information, "operator requeue of {FileKey}: {Result}")] private static partial void LogRequeue(ILogger logger, string fileKey, RequeueOutcome result);
    [LoggerMessage(LogLevel.Information, "bulk requeue batch: {Requeued} requeued, {Refused} refused, walk over: {Done}")] private static partial void LogRequeueBatch(ILogger logger, long requeued, long refused, bool done);
    [LoggerMessage(LogLevel.Warning, "bulk requeue of {FileKey} failed")] private static partial void LogRequeueFailed(ILogger logger, Exception exception, string fileKey);
}
