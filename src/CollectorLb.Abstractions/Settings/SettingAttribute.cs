namespace CollectorLb.Abstractions.Settings;

/// <summary>
/// What a setting accepts and the old environment variable it may come from, as its error messages name them:
/// <c>CollectorLb:Registry:Port (REGISTRY_PORT) must be between 1 and 65535; got 0.</c>
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute : Attribute
{
    /// <summary>A setting with no bounds, marked for its <see cref="Legacy"/> name.</summary>
    public SettingAttribute()
    {
    }

    /// <summary>A number that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public SettingAttribute(double min, double max)
    {
        Min = min;
        Max = max;
    }

    public double Min { get; } = double.NegativeInfinity;

    public double Max { get; } = double.PositiveInfinity;

    public bool IsBounded => !double.IsInfinity(Min) || !double.IsInfinity(Max);

    /// <summary>The old load balancer's variable that maps onto this setting, named beside it in errors.</summary>
    public string? Legacy { get; set; }
}
