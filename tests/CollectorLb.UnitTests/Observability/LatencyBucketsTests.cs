using CollectorLb.Abstractions.ClusterView;

namespace CollectorLb.UnitTests.Observability;

public class LatencyBucketsTests
{
    [Theory]
    [InlineData(0.001, 0)]
    [InlineData(0.005, 0)]
    [InlineData(0.0051, 1)]
    [InlineData(0.4, 6)]
    [InlineData(10_000, 16)]
    public void IndexOf_PutsAValueInTheFirstBucketWhoseBoundIsNotBelowIt(double seconds, int bucket) =>
        Assert.Equal(bucket, LatencyBuckets.IndexOf(seconds));

    [Fact]
    public void Quantile_InterpolatesInsideTheBucket_AndIsNullWithoutSamples()
    {
        var counts = new long[LatencyBuckets.Count];
        Assert.Null(LatencyBuckets.Quantile(counts, 0.5));

        counts[LatencyBuckets.IndexOf(0.75)] = 10; // bucket (0.5, 1]
        Assert.Equal(0.75, LatencyBuckets.Quantile(counts, 0.5)!.Value, 3);
        Assert.Equal(1.0, LatencyBuckets.Quantile(counts, 1)!.Value, 3);
    }

    [Fact]
    public void Add_SumsBucketByBucket_EmptySidesCountAsZero()
    {
        var left = new long[LatencyBuckets.Count];
        left[3] = 2;
        var sum = LatencyBuckets.Add(left, []);
        Assert.Equal(2, sum[3]);
        Assert.Equal(4, LatencyBuckets.Add(sum, sum)[3]);
    }
}
