namespace CollectorLb.Benchmarks.Rig;

/// <summary>What the plain upload loop achieved.</summary>
internal sealed record CeilingResult(int Delivered, int Failed, long Bytes, TimeSpan Elapsed)
{
    public double FilesPerSecond => Delivered / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / 1048576.0 / Elapsed.TotalSeconds;
}
