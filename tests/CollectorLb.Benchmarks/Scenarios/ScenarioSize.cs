namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>How big each scenario runs: <see cref="Full"/> for make bench, <see cref="Smoke"/> for the test suite.</summary>
internal sealed record ScenarioSize
{
    public static ScenarioSize Full { get; } = new()
    {
        Name = "full",
        WarmUpFiles = 10_000,
        Rounds = 3,
        SmallFiles = 20_000,
        PacedRate = 500,
        PacedFiles = 3_000,
        LargeFiles = 8,
        LargeFileBytes = 256L * 1024 * 1024,
        SlowFiles = 3_000,
        OneAtATimeFiles = 600,
        UnevenRate = 200,
        UnevenFiles = 2_000,
        BacklogFiles = 100_000,
        NfdumpFiles = 2_000,
        Timeout = TimeSpan.FromMinutes(4),
    };

    public static ScenarioSize Smoke { get; } = new()
    {
        Name = "smoke",
        WarmUpFiles = 2,
        Rounds = 1,
        SmallFiles = 40,
        PacedRate = 100,
        PacedFiles = 20,
        LargeFiles = 2,
        LargeFileBytes = 2L * 1024 * 1024,
        SlowFiles = 16,
        OneAtATimeFiles = 8,
        UnevenRate = 100,
        UnevenFiles = 20,
        BacklogFiles = 50,
        NfdumpFiles = 8,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public required string Name { get; init; }

    /// <summary>
    /// Files delivered before a measurement, so the pool is active and the hot path has gone through the JIT's tiers:
    /// after 2,000 files the silo still spent ~30 % more CPU per file (instrumented code, recompiles) than after
    /// 10,000, which is what a silo that has run for a while costs. Scenario e shows a cold start.
    /// </summary>
    public int WarmUpFiles { get; init; }

    /// <summary>
    /// Turns of ceiling and silo, each on fresh files, in b and f: a round lasts seconds, so single rounds measured
    /// whatever else the machine did then (b: 75-104 %); the report compares the medians and lists every round.
    /// </summary>
    public int Rounds { get; init; }

    public int SmallFiles { get; init; }

    public double PacedRate { get; init; }

    public int PacedFiles { get; init; }

    public int LargeFiles { get; init; }

    public long LargeFileBytes { get; init; }

    public int SlowFiles { get; init; }

    public int OneAtATimeFiles { get; init; }

    public double UnevenRate { get; init; }

    public int UnevenFiles { get; init; }

    public int BacklogFiles { get; init; }

    public int NfdumpFiles { get; init; }

    /// <summary>Longest wait for one phase's files.</summary>
    public TimeSpan Timeout { get; init; }

    public const long SmallFileBytes = 4096;
}
