namespace CollectorLb.Grains.Placement;

/// <summary>
/// Places a grain on the silo of the host named at the start of its string key: the whole key, or the part
/// before the first '/'. For grains that work on one host's disk (a file, a host's statistics).
/// </summary>
[GenerateSerializer, Immutable, Alias("collectorlb.host-affine-placement")]
public sealed class HostAffinePlacement : PlacementStrategy
{
    internal static readonly HostAffinePlacement Instance = new();
}
