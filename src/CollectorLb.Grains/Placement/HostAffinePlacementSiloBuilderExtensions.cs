using Microsoft.Extensions.DependencyInjection;

namespace CollectorLb.Grains.Placement;

public static class HostAffinePlacementSiloBuilderExtensions
{
    /// <summary>Registers the director of <see cref="HostAffinePlacement"/>; every silo of the cluster needs it.</summary>
    public static ISiloBuilder AddCollectorLbHostAffinePlacement(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<ClusterHosts>();
        silo.Services.AddPlacementDirector<HostAffinePlacement, HostAffinePlacementDirector>();
        return silo;
    }
}
