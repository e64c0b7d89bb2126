using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Delivery;

/// <summary>
/// This silo's uploads: at most <see cref="DeliveryOptions.MaxUploadsInFlight"/> at once (files beyond wait on
/// disk, not in memory), none started once shutdown began, and those running cancelled when the grace period ends.
/// </summary>
public sealed class UploadGate(IOptions<DeliveryOptions> options, IFileUploader uploader) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxUploadsInFlight);
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _closed;

    public bool IsClosed => _closed;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Waits for a free slot; null when the silo is shutting down (the file stays on disk).</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_closed)
        {
            return null;
        }

        await _slots.WaitAsync(cancellationToken);
        if (_closed)
        {
            _slots.Release();
            return null;
        }

        Interlocked.Increment(ref _inFlight);
        return new Ticket(this);
    }

    /// <summary>Runs one upload (the caller holds a slot); cancelled by <paramref name="cancellationToken"/> or when the grace period ends.</summary>
    public async Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        return await uploader.UploadAsync(request, cancellation.Token);
    }

    /// <summary>Stops new uploads, waits up to <paramref name="grace"/> for running ones, then cancels the rest. True when all finished.</summary>
    public async Task<bool> DrainAsync(TimeSpan grace)
    {
        _closed = true;
        if (InFlight == 0)
        {
            _drained.TrySetResult();
        }

        var finished = await Task.WhenAny(_drained.Task, Task.Delay(grace)) == _drained.Task;
        if (!finished)
        {
            await _abort.CancelAsync();
        }

        return finished;
    }

    public void Dispose()
    {
        _slots.Dispose();
        _abort.Dispose();
    }

    private void Leave()
    {
        _slots.Release();
        if (Interlocked.Decrement(ref _inFlight) == 0 && _closed)
        {
            _drained.TrySetResult();
        }
    }

    private sealed class Ticket(UploadGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave();
            }
        }
    }
}
