using CollectorLb.Grains.Connectors;

namespace CollectorLb.Testing.Cluster;

/// <summary>
/// Times the connector pool grain's turns in the benchmark's silos: a grain call filter that only the benchmark
/// registers. A turn is measured from the call's invocation to the moment it first yields, that is how long the call
/// kept the pool's one activation busy; a request that waits for a connector counts for the step that picked or queued
/// it, not for its wait. Orleans' own work around a call (messages, scheduling) is not in it. Thread-safe; one meter
/// serves every silo, so a pool that moves to another silo is still measured.
/// </summary>
public sealed class PoolTurnMeter : IIncomingGrainCallFilter
{
    private readonly Lock _lock = new();
    private readonly List<long> _turnTicks = new(1 << 16);
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private long _windowStarted = Stopwatch.GetTimestamp();

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.Grain is ConnectorPoolGrain ? TimedAsync(context) : context.Invoke();

    /// <summary>Starts a new window: turns before it are forgotten.</summary>
    public void Restart()
    {
        lock (_lock)
        {
            _turnTicks.Clear();
            _calls.Clear();
            _windowStarted = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>The turns since the window started.</summary>
    public PoolTurns Read()
    {
        lock (_lock)
        {
            var sorted = _turnTicks.ToArray();
            Array.Sort(sorted);
            var ticksPerMicrosecond = Stopwatch.Frequency / 1e6;
            double Rank(double quantile) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(quantile * sorted.Length) - 1)] / ticksPerMicrosecond;
            return new PoolTurns(
                Stopwatch.GetElapsedTime(_windowStarted),
                new Dictionary<string, int>(_calls, StringComparer.Ordinal),
                Rank(0.50),
                Rank(0.99),
                sorted.Length == 0 ? 0 : sorted[^1] / ticksPerMicrosecond,
                TimeSpan.FromSeconds(sorted.Sum() / (double)Stopwatch.Frequency));
        }
    }

    private async Task TimedAsync(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var call = context.Invoke();
        var turn = Stopwatch.GetTimestamp() - started;
        lock (_lock)
        {
            _turnTicks.Add(turn);
            _calls[context.MethodName] = _calls.GetValueOrDefault(context.MethodName) + 1;
        }

        await call;
    }
}
