namespace CollectorLb.Benchmarks.Picks;

/// <summary>One BenchmarkDotNet case of the pick path.</summary>
internal sealed record PickPathResult(string Policy, int Connectors, double NanosecondsPerPick, double BytesAllocatedPerPick)
{
    public double PicksPerSecond => 1e9 / NanosecondsPerPick;
}
