using CollectorLb.Abstractions.Connectors;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Hosts;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Connectors;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

using CollectorLb.Grains.Placement;

namespace CollectorLb.Grains.Hosts;

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

    public async Task<ClusterListing<QuarantinedFile>> GetQuarantine(string? hostId)
    {
        var (answers, unreachable) = await AskEveryHostAsync(host => host.GetQuarantine());
        var files = answers.SelectMany(a => a)
            .Where(f => hostId is null || f.HostId == hostId)
            .OrderByDescending(f => f.QuarantinedAt)
            .ToList();
        return new ClusterListing<QuarantinedFile> { Items = files, Unreachable = unreachable };
    }

    public async Task<RequeueAnswer> Requeue(string file)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            return new RequeueAnswer(RequeueOutcome.NotFound, null, "No file given.");
        }

        return file.Count(c => c == '/') >= 2 ? await RequeueKeyAsync(file) : await RequeueNameAsync(file);
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

    private async Task<RequeueAnswer> RequeueNameAsync(string name)
    {
        var quarantined = await GetQuarantine(hostId: null);
        var matches = quarantined.Items.Where(q => q.FileName == name).Select(q => q.Key).Distinct().ToList();
        return matches.Count switch
        {
            1 => await RequeueKeyAsync(matches[0]),
            0 when quarantined.Unreachable.Count > 0 => new RequeueAnswer(
                RequeueOutcome.HostUnreachable, null, $"{name} is not quarantined on any host that answered; not answering: {string.Join(", ", quarantined.Unreachable.Select(u => u.SiloName))}."),
            0 => new RequeueAnswer(RequeueOutcome.NotFound, null, $"No quarantined file named {name}."),
            _ => new RequeueAnswer(RequeueOutcome.Ambiguous, null, $"{matches.Count} quarantined files are named {name}; give the key of one.") { Candidates = matches },
        };
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

    private async Task<(List<T> Answers, List<UnreachableHost> Unreachable)> AskHostsAsync<T>(
        IReadOnlyList<string> silos, Func<IHostGrain, Task<T>> ask)
    {
        var calls = silos.Select(async silo =>
        {
            try
            {
                return (silo, Answer: await ask(GrainFactory.GetGrain<IHostGrain>(silo)).WaitAsync(HostTimeout, timeProvider), Error: (string?)null);
            }
            catch (Exception ex)
            {
                LogHostUnreachable(logger, ex, silo);
                return (silo, Answer: default(T)!, Error: ex is TimeoutException ? $"no answer within {HostTimeout.TotalSeconds:0} s" : ex.Message);
            }
        }).ToList();
        var results = await Task.WhenAll(calls);
        return (
            results.Where(r => r.Error is null).Select(r => r.Answer).ToList(),
            results.Where(r => r.Error is not null).Select(r => new UnreachableHost(r.silo, r.Error!)).ToList());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "host {Silo} did not answer")]
    private static partial void LogHostUnreachable(ILogger logger, Exception exception, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the connector pool did not answer")]
    private static partial void LogPoolUnreachable(ILogger logger, Exception exception);
}
