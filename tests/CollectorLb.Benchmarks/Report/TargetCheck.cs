namespace CollectorLb.Benchmarks.Report;

/// <summary>One of the targets and whether this run met it.</summary>
internal sealed record TargetCheck(string Target, string Measured, bool Met);
