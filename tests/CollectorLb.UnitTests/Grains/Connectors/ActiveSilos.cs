using System.Collections.Immutable;

namespace CollectorLb.UnitTests.Grains.Connectors;

/// <summary>Membership with a fixed number of active silos, for what a silo's share of the cluster depends on.</summary>
internal sealed class ActiveSilos(int count) : IClusterMembershipService
{
    public ClusterMembershipSnapshot CurrentSnapshot { get; } = new(
        Enumerable.Range(0, count)
            .Select(i => new ClusterMember(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 1), SiloStatus.Active, $"host-{i}"))
            .ToImmutableDictionary(m => m.SiloAddress),
        new MembershipVersion(1));

    public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

    public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
}
