namespace CollectorLb.Benchmarks.Rig;

/// <summary>
/// One phase of a scenario: when each file was put in place and when a connector acknowledged it (its answer is
/// written right after the callback this is fed from). Thread-safe; connectors report from Kestrel's threads.
/// </summary>
internal sealed class DeliveryTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _dropped = new(StringComparer.Ordinal);
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perConnector = new(StringComparer.Ordinal);
    private readonly List<double> _latencyMilliseconds = [];
    private readonly List<(long At, string FileName)> _acknowledgements = [];
    private readonly List<string> _duplicateNames = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _expected;
    private long _firstDrop = long.MaxValue;
    private long _lastAcknowledged;

    public DeliveryTracker(int expected, long? startedAt = null)
    {
        _expected = expected;
        if (startedAt is { } start)
        {
            _firstDrop = start;
        }

        if (expected == 0)
        {
            _done.TrySetResult();
        }
    }

    public int Expected => _expected;

    public int Duplicates { get; private set; }

    public int Acknowledged
    {
        get
        {
            lock (_lock)
            {
                return _acknowledged.Count;
            }
        }
    }

    /// <summary>From the first file put in place (or the given start) to the last acknowledgement.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_firstDrop, _lastAcknowledged);

    public IReadOnlyDictionary<string, int> PerConnector
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_perConnector);
            }
        }
    }

    /// <summary>Every acknowledgement in order, a file acknowledged twice twice: when (a Stopwatch timestamp) and which file.</summary>
    public IReadOnlyList<(long At, string FileName)> Acknowledgements
    {
        get
        {
            lock (_lock)
            {
                return [.. _acknowledgements];
            }
        }
    }

    /// <summary>Put-in-place to first acknowledgement of the files that <paramref name="counts"/> and were put in place between two Stopwatch timestamps.</summary>
    public IReadOnlyList<double> LatencyMillisecondsOf(Func<string, bool> counts, long droppedFrom, long droppedTo)
    {
        lock (_lock)
        {
            var firstAcknowledged = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (at, name) in _acknowledgements)
            {
                firstAcknowledged.TryAdd(name, at);
            }

            return [.. _dropped
                .Where(d => d.Value >= droppedFrom && d.Value <= droppedTo && counts(d.Key) && firstAcknowledged.ContainsKey(d.Key))
                .Select(d => Stopwatch.GetElapsedTime(d.Value, firstAcknowledged[d.Key]).TotalMilliseconds)];
        }
    }

    /// <summary>Names of the files acknowledged more than once, once per repeat.</summary>
    public IReadOnlyList<string> DuplicateNames
    {
        get
        {
            lock (_lock)
            {
                return [.. _duplicateNames];
            }
        }
    }

    /// <summary>Put-in-place to acknowledgement, for files whose put-in-place time was recorded.</summary>
    public double[] LatencyMilliseconds
    {
        get
        {
            lock (_lock)
            {
                return [.. _latencyMilliseconds];
            }
        }
    }

    public void Dropped(string fileName)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _dropped[fileName] = now;
            _firstDrop = Math.Min(_firstDrop, now);
        }
    }

    public void Acknowledge(string fileName, string connector)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _acknowledgements.Add((now, fileName));
            if (!_acknowledged.Add(fileName))
            {
                Duplicates++;
                _duplicateNames.Add(fileName);
                return;
            }

            _lastAcknowledged = now;
            _perConnector[connector] = _perConnector.GetValueOrDefault(connector) + 1;
            if (_dropped.TryGetValue(fileName, out var dropped))
            {
                _latencyMilliseconds.Add(Stopwatch.GetElapsedTime(dropped, now).TotalMilliseconds);
            }

            if (_acknowledged.Count == _expected)
            {
                _done.TrySetResult();
            }
        }
    }

    /// <summary>Waits for every expected file; throws with how far it got when <paramref name="timeout"/> passes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, Func<string>? describe = null)
    {
        try
        {
            await _done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Acknowledged} of {_expected} files acknowledged within {timeout}. {describe?.Invoke()}");
        }
    }
}
