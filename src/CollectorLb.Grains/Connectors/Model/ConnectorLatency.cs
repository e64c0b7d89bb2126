namespace CollectorLb.Grains.Connectors.Model;

/// <summary>
/// How long a connector takes per megabyte, as a "peak EWMA" (Finagle, Linkerd): a sample slower than the estimate
/// counts at once, so a connector that turns slow is avoided from its next answer on; a faster one is blended in
/// with weight <see cref="FasterSampleWeight"/>. Between answers the estimate decays towards zero with
/// <see cref="DecayTime"/>, so a connector the policy avoids (and so never hears from) is tried again after a while.
/// Not thread-safe: the pool grain uses it one turn at a time.
/// </summary>
internal sealed class ConnectorLatency(TimeProvider timeProvider, TimeSpan decayTime)
{
    /// <summary>Linkerd's default: a 10x slower connector is probed again about 23 s after its last answer.</summary>
    public static readonly TimeSpan DefaultDecayTime = TimeSpan.FromSeconds(10);

    /// <summary>Below this an upload's fixed cost (connection, headers, the connector's own start-up) dominates, so smaller files count as this size.</summary>
    public const long SmallestCountedBytes = 64 * 1024;

    /// <summary>The cost of one more file on a connector that is busy but not heard from lately (<see cref="IsStale"/>): it gets one file at a time until it answers.</summary>
    public const double UnknownBusyPenaltySeconds = 1e6;

    /// <summary>Share of a faster sample in the new estimate.</summary>
    public const double FasterSampleWeight = 0.3;

    private const double BytesPerMegabyte = 1024 * 1024;

    private double _estimate;
    private long _estimatedAt;

    public ConnectorLatency(TimeProvider timeProvider)
        : this(timeProvider, DefaultDecayTime)
    {
    }

    public TimeSpan DecayTime { get; } = decayTime > TimeSpan.Zero ? decayTime : throw new ArgumentOutOfRangeException(nameof(decayTime));

    /// <summary>The current estimate; 0 until the first acknowledged upload.</summary>
    public double SecondsPerMegabyte =>
        _estimate == 0 ? 0 : _estimate * Math.Exp(-timeProvider.GetElapsedTime(_estimatedAt).TotalSeconds / DecayTime.TotalSeconds);

    /// <summary>The estimate as the last acknowledged upload left it, without the decay since; 0 until the first.</summary>
    public double SecondsPerMegabyteAtLastAnswer => _estimate;

    /// <summary>No answer recorded for longer than <see cref="DecayTime"/> (or none at all).</summary>
    public bool IsStale => _estimatedAt == 0 || timeProvider.GetElapsedTime(_estimatedAt) > DecayTime;

    /// <summary>Megabytes a file of <paramref name="bytes"/> counts as.</summary>
    public static double Megabytes(long bytes) => Math.Max(bytes, SmallestCountedBytes) / BytesPerMegabyte;

    /// <summary>Adds one acknowledged upload of <paramref name="bytes"/> that took <paramref name="duration"/>.</summary>
    public void Record(long bytes, TimeSpan duration)
    {
        var sample = Math.Max(duration.TotalSeconds, 1e-6) / Megabytes(bytes);
        var current = SecondsPerMegabyte;
        _estimate = sample >= current ? sample : (current * (1 - FasterSampleWeight)) + (sample * FasterSampleWeight);
        _estimatedAt = timeProvider.GetTimestamp();
    }

    /// <summary>
    /// Takes over another view's estimate (the pool's, as its snapshot carries it) as if just heard: a silo picking on
    /// its own while the pool does not answer weighs connectors as the pool last did. 0 means never heard from.
    /// </summary>
    public void Assume(double secondsPerMegabyte)
    {
        _estimate = Math.Max(secondsPerMegabyte, 0);
        _estimatedAt = _estimate == 0 ? 0 : timeProvider.GetTimestamp();
    }

    /// <summary>
    /// Expected seconds until one more file of <paramref name="fileBytes"/> would be done on a connector that already has
    /// <paramref name="inFlight"/> uploads of <paramref name="inFlightBytes"/> outstanding: seconds/MB x (MB outstanding + the file's MB).
    /// </summary>
    public double CostOf(int inFlight, long inFlightBytes, long fileBytes)
    {
        var outstandingMegabytes = Math.Max(inFlightBytes / BytesPerMegabyte, inFlight * Megabytes(0));
        if (inFlight > 0 && IsStale)
        {
            // Never heard from, or not for a decay time: it is being probed and its estimate says little until it
            // answers, so it gets one file at a time rather than every file that arrives meanwhile.
            return UnknownBusyPenaltySeconds + outstandingMegabytes;
        }

        // An idle connector never heard from costs nothing, so it gets a first file to learn from.
        return SecondsPerMegabyte * (outstandingMegabytes + Megabytes(fileBytes));
    }
}
