using Orleans.Placement;

namespace CollectorLb.Grains.Placement;

/// <summary>Marks a grain class for <see cref="HostAffinePlacement"/>; its key must start with a host id.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class HostAffinePlacementAttribute() : PlacementAttribute(HostAffinePlacement.Instance);
