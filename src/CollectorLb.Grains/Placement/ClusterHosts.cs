using Orleans.Runtime.MembershipService.SiloMetadata;

namespace CollectorLb.Grains.Placement;

/// <summary>
/// Which collector host each silo serves: the host id in its metadata (silos named after their pod under
/// Kubernetes) or else its name. Shared by placement and by whoever asks every host in turn.
/// </summary>
public sealed class ClusterHosts(IClusterMembershipService membership, IServiceProvider services)
{
    private readonly ISiloMetadataCache? _metadata = services.GetService(typeof(ISiloMetadataCache)) as ISiloMetadataCache;

    public string HostIdOf(ClusterMember member) =>
        _metadata?.GetSiloMetadata(member.SiloAddress).Metadata.TryGetValue(HostSilos.HostIdMetadataKey, out var hostId) == true
            ? hostId
            : member.Name;

    /// <summary>Host ids of the active silos, sorted.</summary>
    public IReadOnlyList<string> ActiveHostIds() => membership.CurrentSnapshot.Members.Values
        .Where(m => m.Status == SiloStatus.Active)
        .Select(HostIdOf)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The active silo of a host; the newest when a restarted host briefly appears twice.</summary>
    public SiloAddress? SiloOf(string hostId, IEnumerable<SiloAddress> candidates)
    {
        var members = membership.CurrentSnapshot.Members;
        SiloAddress? chosen = null;
        foreach (var silo in candidates)
        {
            if (members.TryGetValue(silo, out var member) && member.Status == SiloStatus.Active && HostIdOf(member) == hostId
                && (chosen is null || silo.Generation > chosen.Generation))
            {
                chosen = silo;
            }
        }

        return chosen;
    }
}
