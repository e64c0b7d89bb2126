namespace CollectorLb.Testing.Harnesses;

/// <summary>How a <see cref="RedisClusterHarness"/> names its silos.</summary>
public enum SiloNaming
{
    /// <summary>The silo name is the host id (outside Kubernetes).</summary>
    ByHost,

    /// <summary>A fresh pod-like name at every start, the host id in silo metadata (Kubernetes hosting).</summary>
    ByPod,
}
