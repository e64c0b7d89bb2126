namespace CollectorLb.Grains.Placement;

/// <summary>
/// A host-affine grain was called while its host's silo is not in the cluster. The grain is refused rather
/// than placed where its files cannot be seen; the host's own silo brings it back when it returns.
/// </summary>
[GenerateSerializer, Alias("collectorlb.host-silo-unavailable")]
public sealed class HostSiloUnavailableException : OrleansException
{
    public HostSiloUnavailableException(string hostId, string grain)
        : base($"Grain {grain} belongs to host '{hostId}', whose silo is not active in the cluster; it is not placed elsewhere.")
    {
        HostId = hostId;
    }

    [Id(0)]
    public string HostId { get; }
}
