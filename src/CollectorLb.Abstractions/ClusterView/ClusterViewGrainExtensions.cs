namespace CollectorLb.Abstractions.ClusterView;

public static class ClusterViewGrainExtensions
{
    /// <summary>The <see cref="IClusterViewGrain"/>: a stateless worker, so the one key 0 serves every caller.</summary>
    public static IClusterViewGrain GetClusterView(this IGrainFactory grains) => grains.GetGrain<IClusterViewGrain>(0);
}
