namespace CollectorLb.Testing.Cluster;

/// <summary>
/// What the silos of one cluster share, whether they run in this process or in their own: the cluster and service ids,
/// fresh for each cluster so that one Redis serves several in turn.
/// </summary>
public sealed record ClusterIdentity(string ClusterId, string ServiceId)
{
    public static ClusterIdentity New(string name)
    {
        var id = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
        return new ClusterIdentity(id, id);
    }

    /// <summary>The settings (keys under <c>CollectorLb</c>) that make a silo process join this cluster on <paramref name="redis"/>, reachable on loopback.</summary>
    public Dictionary<string, string> SiloSettings(string redis) => new()
    {
        ["Cluster:Mode"] = "redis",
        ["Cluster:RedisConnectionString"] = redis,
        ["Cluster:ClusterId"] = ClusterId,
        ["Cluster:ServiceId"] = ServiceId,
        ["Cluster:AdvertisedAddress"] = "127.0.0.1",
    };
}
