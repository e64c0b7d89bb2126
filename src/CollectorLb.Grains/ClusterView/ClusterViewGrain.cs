using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Placement;

namespace CollectorLb.Grains.ClusterView;

/// <summary>
/// Asks every active silo's <see cref="IHostGrain"/> in parallel and merges the answers. A stateless worker:
/// it runs on whichever silo the caller reached, so reading statistics never funnels through one activation.
/// A host that does not answer in <see cref="HostTimeout"/> is reported as unreachable, not as an error.
/// </summary>
[StatelessWorker]
internal sealed partial class ClusterViewGrain(
    ClusterHosts hosts,
    ConnectorPoolReference connectorPool,
    TimeProvider timeProvider,
    ILogger<ClusterViewGrain> logger) : Grain, IClusterViewGrain
{
    private static readonly TimeSpan HostTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A host's bulk requeue batch stops starting files after 5 s; this leaves it room to finish those it started.</summary>
    private static readonly TimeSpan RequeueBatchTimeout = TimeSpan.FromSeconds(20);

    private IConnectorPoolGrain Pool => connectorPool.Pool;

    public async Task<ClusterOverview> GetOverview()
    {
        var statistics = AskEveryHostAsync(host => host.GetStatistics());
        var connectors = TryGetConnectorsAsync();
        var (answers, unreachable) = await statistics;
        return ClusterOverviewBuilder.Build(answers, unreachable, await connectors, timeProvider.GetUtcNow());
    }

    public async Task<ClusterListing<FileSnapshot>> GetFiles(FileQuery query)
    {
        var (answers, unreachable) = await AskEveryHostAsync(host => host.GetRecentFiles(query));
        var files = answers.SelectMany(a => a)
            .OrderByDescending(f => f.Timeline.LastChangeAt())
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();
        return new ClusterListing<FileSnapshot> { Items = files, Unreachable = unreachable };
    }

    public Task<ConnectorPoolSnapshot> GetConnectors() => Pool.GetSnapshot();

    public async Task<QuarantinePage> GetQuarantine(QuarantineQuery query)
    {
        if (query.Check() is { } problem)
        {
            throw new ArgumentException(problem, nameof(query));
        }

        var (silos, missing) = HostsNamed(query.HostId);
        var hostQuery = new HostQuarantineQuery { After = query.AfterPosition(), Limit = query.Limit, Reason = query.Reason };
        var (pages, unreachable) = await AskHostsAsync(silos, host => host.GetQuarantinePage(hostQuery));
        return QuarantinePageMerge.Merge(pages, query.Limit, [.. missing, .. unreachable]);
    }

    public async Task<RequeueAnswer> Requeue(string file)
    {
        if (OperatorInput.CheckKeyOrName(file) is { } problem)
        {
            return new RequeueAnswer(RequeueOutcome.Invalid, null, problem);
        }

        return file.Count(c => c == '/') >= 2 ? await RequeueKeyAsync(file) : await RequeueNameAsync(file);
    }

    /// <summary>
    /// One round: every host still walking requeues one bounded batch (see <see cref="HostGrain"/>) in parallel, so a
    /// round takes seconds however large the quarantine; the continuation says where each host stopped. A host that
    /// does not answer is reported and left out of later rounds: the others are not held up by it.
    /// </summary>
    public async Task<BulkRequeueAnswer> RequeueAll(BulkRequeueRequest request)
    {
        if (request.Filter.Check() is { } problem)
        {
            return new BulkRequeueAnswer { Refusal = problem };
        }

        var (silos, missing) = HostsNamed(request.Filter.HostId);
        var walk = silos.ToDictionary(h => h, _ => (QuarantinePosition?)null, StringComparer.Ordinal);
        if (request.Continuation is not null)
        {
            if (BulkRequeueContinuation.Decode(request.Continuation, out var why) is not { } continuation)
            {
                return new BulkRequeueAnswer { Refusal = $"Refused: the continuation cannot be read: {why}" };
            }

            // Only hosts named by both the continuation and the cluster: a host id from outside never becomes a grain key.
            missing = [.. continuation.Hosts.Keys.Where(h => !walk.ContainsKey(h) && (request.Filter.HostId is null || h == request.Filter.HostId))
                .Select(h => new UnreachableHost(h, "left the cluster during the requeue"))];
            walk = walk.Where(h => continuation.Hosts.ContainsKey(h.Key)).ToDictionary(h => h.Key, h => continuation.Hosts[h.Key], StringComparer.Ordinal);
        }

        var (batches, unreachable) = await AskHostsAsync(
            walk.Keys.ToList(),
            host => GrainFactory.GetGrain<IHostGrain>(host).RequeueBatch(new HostRequeueRequest { After = walk[host], Reason = request.Filter.Reason }),
            RequeueBatchTimeout);
        var next = batches.Where(b => !b.Answer.Done).ToDictionary(b => b.Host, b => b.Answer.Next, StringComparer.Ordinal);
        var tally = batches.Aggregate(new RequeueTally(), (sum, b) => sum.Add(b.Answer.Tally));
        LogRequeueRound(logger, tally.Requeued, tally.Refused, next.Count);
        return new BulkRequeueAnswer
        {
            Tally = tally,
            Unreachable = [.. missing, .. unreachable],
            Continuation = next.Count == 0 ? null : new BulkRequeueContinuation(next).Encode(),
        };
    }

    private async Task<RequeueAnswer> RequeueKeyAsync(string key)
    {
        var hostId = HostAffineKey.HostOf(key);

        // The silo is named after its host; ask the others only when no silo carries that name.
        var silos = hosts.ActiveHostIds();
        var (answers, unreachable) = await AskHostsAsync(silos.Contains(hostId) ? [hostId] : silos, host => host.Requeue(key));
        var answer = answers.FirstOrDefault(a => a.Outcome != RequeueOutcome.NotThisHost);
        if (answer is not null)
        {
            return answer;
        }

        return unreachable.Count > 0
            ? new RequeueAnswer(RequeueOutcome.HostUnreachable, key, $"No host that answered has {key}; not answering: {string.Join(", ", unreachable.Select(u => u.SiloName))}.")
            : new RequeueAnswer(RequeueOutcome.NotFound, key, $"No host '{hostId}' in the cluster.");
    }

    /// <summary>Each host looks the name up in its own quarantine folder (reading only that name's sidecars).</summary>
    private async Task<RequeueAnswer> RequeueNameAsync(string name)
    {
        var (answers, unreachable) = await AskEveryHostAsync(host => host.FindQuarantined(name));
        var matches = answers.SelectMany(keys => keys).Distinct().Order(StringComparer.Ordinal).ToList();
        return matches.Count switch
        {
            1 => await RequeueKeyAsync(matches[0]),
            0 when unreachable.Count > 0 => new RequeueAnswer(
                RequeueOutcome.HostUnreachable, null, $"{name} is not quarantined on any host that answered; not answering: {string.Join(", ", unreachable.Select(u => u.SiloName))}."),
            0 => new RequeueAnswer(RequeueOutcome.NotFound, null, $"No quarantined file named {name}."),
            _ => new RequeueAnswer(RequeueOutcome.Ambiguous, null, $"{matches.Count} quarantined files are named {name}; give the key of one.") { Candidates = matches },
        };
    }

    /// <summary>The active hosts, or the one named when it is active; a named host that is not is reported as such.</summary>
    private (List<string> Hosts, List<UnreachableHost> Missing) HostsNamed(string? hostId)
    {
        var active = hosts.ActiveHostIds();
        if (hostId is null)
        {
            return ([.. active], []);
        }

        return active.Contains(hostId) ? ([hostId], []) : ([], [new UnreachableHost(hostId, "no active silo of this host in the cluster")]);
    }

    private async Task<ConnectorPoolSnapshot?> TryGetConnectorsAsync()
    {
        try
        {
            return await Pool.GetSnapshot().WaitAsync(HostTimeout, timeProvider);
        }
        catch (Exception ex)
        {
            LogPoolUnreachable(logger, ex);
            return null;
        }
    }

    private Task<(List<T> Answers, List<UnreachableHost> Unreachable)> AskEveryHostAsync<T>(Func<IHostGrain, Task<T>> ask) =>
        AskHostsAsync(hosts.ActiveHostIds(), ask);

    private async Task<(List<T> Answers, List<UnreachableHost> Unreachable)> AskHostsAsync<T>(IReadOnlyList<string> silos, Func<IHostGrain, Task<T>> ask)
    {
        var (answers, unreachable) = await AskHostsAsync(silos, silo => ask(GrainFactory.GetGrain<IHostGrain>(silo)), HostTimeout);
        return ([.. answers.Select(a => a.Answer)], unreachable);
    }

    private async Task<(List<(string Host, T Answer)> Answers, List<UnreachableHost> Unreachable)> AskHostsAsync<T>(
        IReadOnlyList<string> silos, Func<string, Task<T>> ask, TimeSpan timeout)
    {
        var calls = silos.Select(async silo =>
        {
            try
            {
                return (silo, Answer: await ask(silo).WaitAsync(timeout, timeProvider), Error: (string?)null);
            }
            catch (Exception ex)
            {
                LogHostUnreachable(logger, ex, silo);
                return (silo, Answer: default(T)!, Error: ex is TimeoutException ? $"no answer within {timeout.TotalSeconds:0} s" : ex.Message);
            }
        }).ToList();
        var results = await Task.WhenAll(calls);
        return (
            results.Where(r => r.Error is null).Select(r => (r.silo, r.Answer)).ToList(),
            results.Where(r => r.Error is not null).Select(r => new UnreachableHost(r.silo, r.Error!)).ToList());
    }

    [LoggerMessage(LogLevel.Warning, "host {Silo} did not answer")] private static partial void LogHostUnreachable(ILogger logger, Exception exception, string silo);
    [LoggerMessage(LogLevel.Information, "bulk requeue round: {Requeued} requeued, {Refused} refused, {Hosts} host(s) still walking")] private static partial void LogRequeueRound(ILogger logger, long requeued, long refused, int hosts);
    [LoggerMessage(LogLevel.Warning, "the connector pool did not answer")] private static partial void LogPoolUnreachable(ILogger logger, Exception exception);
}
