namespace CollectorLb.Benchmarks.Report;

/// <summary>What one scenario measured: table rows, target checks, and the series the chart draws.</summary>
internal sealed class ScenarioReport(string id, string title)
{
    public string Id { get; } = id;

    public string Title { get; } = title;

    public List<ResultRow> Rows { get; } = [];

    public List<TargetCheck> Targets { get; } = [];

    public List<ThroughputBar> Bars { get; } = [];

    public List<LatencySeries> Latencies { get; } = [];

    public List<string> Notes { get; } = [];

    public TimeSpan Elapsed { get; set; }

    /// <summary>Why the scenario could not finish; null when it did.</summary>
    public string? Error { get; set; }
}
