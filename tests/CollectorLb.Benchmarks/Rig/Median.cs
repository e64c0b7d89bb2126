namespace CollectorLb.Benchmarks.Rig;

/// <summary>The middle of repeated measurements: one round disturbed by the shared machine does not decide a result.</summary>
internal static class Median
{
    public static double Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
