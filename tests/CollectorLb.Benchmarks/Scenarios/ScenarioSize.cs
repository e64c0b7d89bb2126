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
        ScaleSilos = [2, 4, 8],
        ScaleWarmUpFilesPerHost = 500,
        ScaleFilesPerHost = 2_500,
        RecoveryFilesPerHost = 10_000,
        CapacityDuration = TimeSpan.FromSeconds(10),
        FailoverFilesPerSecondPerHost = 40,
        FailoverLead = TimeSpan.FromSeconds(10),
        FailoverWindow = TimeSpan.FromSeconds(30),
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
        ScaleSilos = [2],
        ScaleWarmUpFilesPerHost = 5,
        ScaleFilesPerHost = 25,
        RecoveryFilesPerHost = 25,
        CapacityDuration = TimeSpan.FromSeconds(1),
        FailoverFilesPerSecondPerHost = 20,
        FailoverLead = TimeSpan.FromSeconds(2),
        FailoverWindow = TimeSpan.FromSeconds(8),
        FastFailureDetection = true,
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

    /// <summary>g: the cluster sizes measured, one cluster each; the largest also gives the pool's capacity and the failover.</summary>
    public IReadOnlyList<int> ScaleSilos { get; init; } = [];

    /// <summary>g: files each host delivers before a cluster is measured (JIT tiers, the pool and its connectors active).</summary>
    public int ScaleWarmUpFilesPerHost { get; init; }

    /// <summary>g: the backlog each host is given at once, in every cluster but the largest.</summary>
    public int ScaleFilesPerHost { get; init; }

    /// <summary>g: the largest cluster's backlog per host, the recovery (8 hosts x 10,000 files).</summary>
    public int RecoveryFilesPerHost { get; init; }

    /// <summary>g: how long every silo of the largest cluster leases and returns connectors without uploads.</summary>
    public TimeSpan CapacityDuration { get; init; }

    /// <summary>g: each host's files per second while the pool's silo is killed.</summary>
    public double FailoverFilesPerSecondPerHost { get; init; }

    /// <summary>g: how long every host delivers before the pool's silo is killed.</summary>
    public TimeSpan FailoverLead { get; init; }

    /// <summary>g: how long files keep coming after the kill (production membership takes tens of seconds to declare a silo dead).</summary>
    public TimeSpan FailoverWindow { get; init; }

    /// <summary>g: 1 s probes instead of production membership timings, so a smoke run's failover fits in seconds.</summary>
    public bool FastFailureDetection { get; init; }

    /// <summary>Longest wait for one phase's files.</summary>
    public TimeSpan Timeout { get; init; }

    public const long SmallFileBytes = 4096;
}
