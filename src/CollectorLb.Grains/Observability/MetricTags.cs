namespace CollectorLb.Grains.Observability;

/// <summary>The label names of the collector's series; each has a small, bounded set of values.</summary>
public static class MetricTags
{
    /// <summary>The collector host a series comes from (<c>CollectorLb:HostId</c>); on every <c>collectorlb_*</c> series.</summary>
    public const string Host = "host";

    /// <summary>A connector's name as the registry lists it.</summary>
    public const string Connector = "connector";

    /// <summary>Why an upload failed or a file was quarantined: a fixed set of values per series.</summary>
    public const string Reason = "reason";
}
