namespace CollectorLb.Silo.Configuration;

/// <summary>The pipeline's legacy <c>benchmark.txt</c>. Section <c>CollectorLb:Benchmark</c>; BENCHMARK_MODE maps to Enabled.</summary>
public sealed class LegacyBenchmarkOptions
{
    public const string SectionName = "CollectorLb:Benchmark";

    public bool Enabled { get; set; }

    /// <summary>Relative to the working directory, as the other components of the pipeline expect.</summary>
    public string FilePath { get; set; } = "benchmark.txt";
}
