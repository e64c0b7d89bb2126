namespace CollectorLb.Benchmarks.Report;

/// <summary>Latencies of one run, drawn as a CDF.</summary>
internal sealed record LatencySeries(string Label, double[] Milliseconds);
