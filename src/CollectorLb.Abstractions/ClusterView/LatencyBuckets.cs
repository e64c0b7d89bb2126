namespace CollectorLb.Abstractions.ClusterView;

/// <summary>
/// The bucket bounds (seconds) of every latency histogram: per-silo windows, their merge, and the Prometheus
/// export all use them, so hosts' histograms add up bucket by bucket.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Upper bounds; one more bucket past the last holds everything slower.</summary>
    public static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    public static int Count => Bounds.Length + 1;

    public static int IndexOf(double seconds)
    {
        var index = Array.BinarySearch(Bounds, seconds);
        return index >= 0 ? index : ~index;
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of a histogram, interpolated inside its bucket; null when empty.</summary>
    public static double? Quantile(IReadOnlyList<long> counts, double quantile)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0 || seen + counts[i] < rank)
            {
                seen += counts[i];
                continue;
            }

            if (i >= Bounds.Length)
            {
                return Bounds[^1];
            }

            var lower = i == 0 ? 0 : Bounds[i - 1];
            return lower + ((Bounds[i] - lower) * Math.Clamp((rank - seen) / counts[i], 0, 1));
        }

        return Bounds[^1];
    }

    /// <summary>Bucket-by-bucket sum; either side may be empty.</summary>
    public static long[] Add(IReadOnlyList<long> left, IReadOnlyList<long> right)
    {
        var sum = new long[Count];
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] = (i < left.Count ? left[i] : 0) + (i < right.Count ? right[i] : 0);
        }

        return sum;
    }
}
