namespace CollectorLb.Testing.Cluster;

/// <summary>The pool grain's turns in one window: how many of each call, how long each kept the activation busy, and its share of the window.</summary>
public sealed record PoolTurns(
    TimeSpan Window,
    IReadOnlyDictionary<string, int> CallsByMethod,
    double P50Microseconds,
    double P99Microseconds,
    double MaxMicroseconds,
    TimeSpan Busy)
{
    public int Calls => CallsByMethod.Values.Sum();

    public int CallsOf(string method) => CallsByMethod.GetValueOrDefault(method);

    /// <summary>Share of the window the pool's activation spent in turns: at 1 it can take no more.</summary>
    public double BusyShare => Window > TimeSpan.Zero ? Busy / Window : 0;

    public double PerSecond(int count) => Window > TimeSpan.Zero ? count / Window.TotalSeconds : 0;
}
