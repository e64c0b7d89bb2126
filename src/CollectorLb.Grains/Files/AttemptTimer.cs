namespace CollectorLb.Grains.Files;

/// <summary>
/// Runs a file's attempts one at a time, each in an interleaving grain timer, so the grain's callers never wait on the
/// network: at most one attempt pending, none started while one runs. An attempt that throws is tried again after
/// what <paramref name="retryAfterCrash"/> says (null: not at all, the activation ends).
/// </summary>
internal sealed class AttemptTimer(IGrainBase grain, FileLife life, TimeProvider time, Func<Task> attempt, Func<Exception, TimeSpan?> retryAfterCrash)
{
    private IGrainTimer? _timer;
    private bool _running;

    /// <summary>No attempt is running or pending.</summary>
    public bool Idle => !_running && _timer is null;

    public void Schedule(TimeSpan delay)
    {
        if (life.Record.Lost)
        {
            return; // this activation ends; the next one starts from the stored record
        }

        _timer?.Dispose();
        life.NextAttemptAt = time.GetUtcNow() + delay;
        _timer = grain.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        (_timer, life.NextAttemptAt) = (null, null);
        if (_running || life.Record.Lost)
        {
            return;
        }

        _running = true;
        try
        {
            await attempt();
        }
        catch (Exception ex) when (retryAfterCrash(ex) is { } delay)
        {
            Schedule(delay);
        }
        finally
        {
            _running = false;
        }
    }
}
