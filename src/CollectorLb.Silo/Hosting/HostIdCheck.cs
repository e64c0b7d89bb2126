using CollectorLb.Grains.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace CollectorLb.Silo.Hosting;

/// <summary>
/// Before this silo becomes active, looks for another active silo with its host id (silo metadata
/// <c>collectorlb.host-id</c>, or the silo name). Outside Kubernetes it refuses to start
/// (<see cref="DuplicateHostIdException"/>, exit code 2): a copied configuration must not strand the other silo's
/// files. Under Kubernetes hosting a rollout may start the new pod while the old one still leaves, so it waits
/// until that silo is gone. An older incarnation of this very silo (same address and port, restarted after a
/// crash) is no other silo: Orleans declares it dead as this one joins.
/// </summary>
internal sealed partial class HostIdCheck(
    string hostId,
    bool waitForOthers,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<HostIdCheck> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for the metadata of the other silos (fetched from each by Orleans) before deciding without it.</summary>
    private static readonly TimeSpan MetadataWait = TimeSpan.FromSeconds(30);

    private readonly ISiloMetadataCache? _metadata = services.GetService<ISiloMetadataCache>();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(HostIdCheck), ServiceLifecycleStage.BecomeActive - 1, CheckAsync);

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var metadataDeadline = timeProvider.GetUtcNow() + MetadataWait;
        var waitLogged = false;
        var unknownLogged = false;
        while (true)
        {
            await membership.Refresh(cancellationToken: cancellationToken);
            var (others, unknown) = OtherSilosOfThisHost();
            if (unknown.Count > 0 && timeProvider.GetUtcNow() < metadataDeadline)
            {
                await Task.Delay(PollPeriod, timeProvider, cancellationToken);
                continue; // a silo's metadata comes from the silo itself, a moment after it is seen in the table
            }

            if (unknown.Count > 0 && !unknownLogged)
            {
                unknownLogged = true;
                LogHostsUnknown(logger, string.Join("; ", unknown.Select(m => $"silo '{m.Name}' at {m.SiloAddress}")));
            }

            if (others.Count == 0)
            {
                return;
            }

            var described = others.Select(m => $"silo '{m.Name}' at {m.SiloAddress}").ToList();
            if (!waitForOthers)
            {
                LogDuplicate(logger, hostId, string.Join("; ", described));
                throw new DuplicateHostIdException(hostId, described);
            }

            if (!waitLogged)
            {
                waitLogged = true;
                LogWaiting(logger, hostId, string.Join("; ", described));
            }

            await Task.Delay(PollPeriod, timeProvider, cancellationToken);
        }
    }

    /// <summary>The other active silos with this host id, and those whose host id cannot be told yet.</summary>
    private (List<ClusterMember> Others, List<ClusterMember> Unknown) OtherSilosOfThisHost()
    {
        var others = new List<ClusterMember>();
        var unknown = new List<ClusterMember>();
        var self = localSilo.SiloAddress;
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status != SiloStatus.Active || member.SiloAddress.Equals(self) || self.IsSuccessorOf(member.SiloAddress))
            {
                continue;
            }

            var metadata = _metadata?.GetSiloMetadata(member.SiloAddress).Metadata;
            if (metadata is { Count: > 0 } && metadata.TryGetValue(HostSilos.HostIdMetadataKey, out var theirs))
            {
                if (theirs == hostId)
                {
                    others.Add(member);
                }
            }
            else if (member.Name == hostId)
            {
                others.Add(member); // a silo without our metadata is named after its host
            }
            else if (waitForOthers)
            {
                unknown.Add(member); // under Kubernetes the name is the pod's: only the metadata tells
            }
        }

        return (others, unknown);
    }

    [LoggerMessage(LogLevel.Critical, "host id {HostId} is served by another active silo ({Others}); this silo does not start")] private static partial void LogDuplicate(ILogger logger, string hostId, string others);
    [LoggerMessage(LogLevel.Warning, "host id {HostId} is still served by {Others} (an old pod leaving?); waiting until it is gone before joining the cluster")] private static partial void LogWaiting(ILogger logger, string hostId, string others);
    [LoggerMessage(LogLevel.Warning, "the host ids of {Silos} are not known yet; not waiting for them")] private static partial void LogHostsUnknown(ILogger logger, string silos);
}
