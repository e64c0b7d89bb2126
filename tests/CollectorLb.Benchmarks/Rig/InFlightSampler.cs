using CollectorLb.DevServices.Connector;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>
/// Samples how many uploads the connectors are handling at once during a phase (every 10 ms). Against the silo's
/// cap it tells whether files reach the connectors as fast as the cap allows, or whether the time goes before that.
/// </summary>
internal sealed class InFlightSampler : IAsyncDisposable
{
    private readonly IReadOnlyList<ConnectorServer> _connectors;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _samples;
    private long _sum;
    private int _max;
    private volatile bool _paused;

    private InFlightSampler(IReadOnlyList<ConnectorServer> connectors)
    {
        _connectors = connectors;
        _loop = Task.Run(SampleAsync);
    }

    public static InFlightSampler Start(ConnectorRig rig) => new(rig.Connectors);

    public double Mean => _samples == 0 ? 0 : (double)_sum / _samples;

    public int Max => _max;

    public string Describe(int cap) =>
        string.Create(CultureInfo.InvariantCulture, $"uploads at the connectors: mean {Mean:0.0}, max {Max} (cap {cap})");

    /// <summary>Stops counting while something else (the ceiling) uses the connectors.</summary>
    public void Pause() => _paused = true;

    public void Resume() => _paused = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (_paused)
                {
                    continue;
                }

                var now = _connectors.Sum(c => c.InFlight);
                _sum += now;
                _samples++;
                _max = Math.Max(_max, now);
            }
        }
        catch (OperationCanceledException)
        {
            // Phase over.
        }
    }
}
