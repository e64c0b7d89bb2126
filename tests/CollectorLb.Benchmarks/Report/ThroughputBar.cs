namespace CollectorLb.Benchmarks.Report;

/// <summary>Our throughput against its reference (ceiling or theoretical maximum), for the chart.</summary>
internal sealed record ThroughputBar(string Label, double Ours, double Reference, string Unit)
{
    public double Ratio => Reference > 0 ? Ours / Reference : 0;
}
