namespace CollectorLb.Grains.Placement;

/// <summary>Reads the host id out of a host-affine grain key.</summary>
public static class HostAffineKey
{
    /// <summary>The part before the first '/', or the whole key when it has none.</summary>
    public static string HostOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.IndexOf('/');
        return separator < 0 ? key : key[..separator];
    }
}
