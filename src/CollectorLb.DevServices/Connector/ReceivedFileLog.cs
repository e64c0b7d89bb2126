using System.Diagnostics;

namespace CollectorLb.DevServices;

/// <summary>Thread-safe list of received files that callers can wait on without polling.</summary>
internal sealed class ReceivedFileLog
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedFile> _files = [];
    private TaskCompletionSource _changed = NewSignal();

    public void Add(ReceivedFile file)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            _files.Add(file);
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
    }

    public ReceivedFile[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _files];
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> files are there; throws <see cref="TimeoutException"/>
    /// with <paramref name="describeTimeout"/>'s text otherwise.</summary>
    public async Task<IReadOnlyList<ReceivedFile>> WaitForCountAsync(int count, TimeSpan timeout, Func<ReceivedFile[], string> describeTimeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_files.Count >= count)
                {
                    return [.. _files];
                }

                changed = _changed.Task;
            }

            var remaining = timeout == Timeout.InfiniteTimeSpan ? timeout : timeout - Stopwatch.GetElapsedTime(started);
            if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(describeTimeout(Snapshot()));
            }

            try
            {
                await changed.WaitAsync(remaining).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(describeTimeout(Snapshot()));
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
