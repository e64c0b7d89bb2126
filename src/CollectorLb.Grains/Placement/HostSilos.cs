namespace CollectorLb.Grains.Placement;

/// <summary>Names of the silo metadata entry that carries a silo's host id.</summary>
public static class HostSilos
{
    /// <summary>
    /// Silo metadata key holding the host id, for silos whose name is not the host id (under Kubernetes hosting
    /// the silo must be named after its pod). Without it, a silo's name is its host id.
    /// </summary>
    public const string HostIdMetadataKey = "collectorlb.host-id";
}
