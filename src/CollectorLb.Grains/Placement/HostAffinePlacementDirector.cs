using Orleans.Runtime.Placement;

namespace CollectorLb.Grains.Placement;

/// <summary>
/// Chooses the active silo of the grain's host (see <see cref="ClusterHosts"/>). Runs on the calling silo (for a
/// client, on its gateway) and refuses when no such silo is active, rather than activate the grain where the
/// host's disk cannot be seen.
/// </summary>
internal sealed class HostAffinePlacementDirector(ClusterHosts hosts) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var hostId = HostAffineKey.HostOf(target.GrainIdentity.Key.ToString()!);
        return hosts.SiloOf(hostId, context.GetCompatibleSilos(target)) is { } silo
            ? Task.FromResult(silo)
            : throw new HostSiloUnavailableException(hostId, target.GrainIdentity.ToString());
    }
}
