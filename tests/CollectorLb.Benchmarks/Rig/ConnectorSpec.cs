using CollectorLb.DevServices.Connector;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>How one DevServices connector of a scenario answers.</summary>
internal sealed record ConnectorSpec(ConnectorMode Mode = ConnectorMode.Success, TimeSpan Delay = default, bool ConvertWithNfdump = false, int Workers = 0)
{
    public static ConnectorSpec Instant { get; } = new();

    public static ConnectorSpec Slow(TimeSpan delay) => new(ConnectorMode.Slow, delay);

    /// <summary>A synchronous connector: one file at a time, each taking <paramref name="delay"/>; later ones wait their turn.</summary>
    public static ConnectorSpec OneAtATime(TimeSpan delay) => new(ConnectorMode.Slow, delay, Workers: 1);

    public static IReadOnlyList<ConnectorSpec> Many(int count, ConnectorSpec spec) => Enumerable.Repeat(spec, count).ToList();
}
