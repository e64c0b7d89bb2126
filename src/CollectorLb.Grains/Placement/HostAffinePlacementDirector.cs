using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace CollectorLb.Grains.Placement;

/// <summary>
/// Chooses the active silo of the grain's host: the silo whose metadata names that host or, without metadata,
/// whose name is the host id. Runs on the calling silo (for a client, on its gateway) and refuses when no such
/// silo is active, rather than activate the grain where the host's disk cannot be seen.
/// </summary>
internal sealed class HostAffinePlacementDirector(IClusterMembershipService membership, IServiceProvider services) : IPlacementDirector
{
    private readonly ISiloMetadataCache? _metadata = services.GetService(typeof(ISiloMetadataCache)) as ISiloMetadataCache;

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        var hostId = HostAffineKey.HostOf(key);
        var compatible = context.GetCompatibleSilos(target);
        var members = membership.CurrentSnapshot.Members;

        // A host that restarted may briefly have its dead predecessor still listed as active: the newest wins.
        SiloAddress? chosen = null;
        foreach (var silo in compatible)
        {
            if (members.TryGetValue(silo, out var member) && member.Status == SiloStatus.Active && HostIdOf(member) == hostId
                && (chosen is null || silo.Generation > chosen.Generation))
            {
                chosen = silo;
            }
        }

        return chosen is not null
            ? Task.FromResult(chosen)
            : throw new HostSiloUnavailableException(hostId, target.GrainIdentity.ToString());
    }

    private string HostIdOf(ClusterMember member) =>
        _metadata?.GetSiloMetadata(member.SiloAddress).Metadata.TryGetValue(HostSilos.HostIdMetadataKey, out var hostId) == true
            ? hostId
            : member.Name;
}
