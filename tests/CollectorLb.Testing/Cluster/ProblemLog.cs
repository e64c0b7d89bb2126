namespace CollectorLb.Testing.Cluster;

/// <summary>What in-process silos log at warning level and above: counted by level and category, the first lines kept for the report.</summary>
public sealed class ProblemLog : ILoggerProvider
{
    private const int KeptLines = 200;

    private readonly ConcurrentDictionary<(LogLevel Level, string Category), int> _counts = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentDictionary<(LogLevel Level, string Category), string> _examples = new();

    public IReadOnlyDictionary<(LogLevel Level, string Category), int> Counts => new Dictionary<(LogLevel, string), int>(_counts);

    public IReadOnlyList<string> FirstLines => [.. _lines];

    /// <summary>Entries of our own code (category CollectorLb.*) at <paramref name="level"/> or above.</summary>
    public int Ours(LogLevel level) => _counts.Where(c => c.Key.Level >= level && c.Key.Category.StartsWith("CollectorLb", StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>One line per level and category, most frequent first; "nothing" when empty.</summary>
    public string Describe() => _counts.IsEmpty
        ? "nothing logged above info"
        : string.Join(", ", _counts.OrderByDescending(c => c.Value).Select(c => $"{c.Value} x {c.Key.Level} {c.Key.Category}"));

    /// <summary>The first entry of each level and category, shortened: what the counts are about.</summary>
    public IReadOnlyList<string> Examples(int maxLength = 400) =>
        [.. _examples.OrderBy(e => e.Key.Category, StringComparer.Ordinal).Select(e => e.Value.Length <= maxLength ? e.Value : e.Value[..maxLength] + "...")];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, string message)
    {
        var line = $"{level} {category}: {message}".ReplaceLineEndings(" ");
        _counts.AddOrUpdate((level, category), 1, (_, count) => count + 1);
        _examples.TryAdd((level, category), line);
        if (_lines.Count < KeptLines)
        {
            _lines.Enqueue(line);
        }
    }

    private sealed class Logger(ProblemLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add(logLevel, category, formatter(state, exception) + (exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})"));
            }
        }
    }
}
