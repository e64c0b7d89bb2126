using CollectorLb.DevServices;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>How one DevServices connector of a scenario answers.</summary>
internal sealed record ConnectorSpec(ConnectorMode Mode = ConnectorMode.Success, TimeSpan Delay = default, bool ConvertWithNfdump = false)
{
    public static ConnectorSpec Instant { get; } = new();

    public static ConnectorSpec Slow(TimeSpan delay) => new(ConnectorMode.Slow, delay);

    public static IReadOnlyList<ConnectorSpec> Many(int count, ConnectorSpec spec) => Enumerable.Repeat(spec, count).ToList();
}
