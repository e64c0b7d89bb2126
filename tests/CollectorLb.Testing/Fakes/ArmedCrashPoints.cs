using CollectorLb.Grains.Spool;

namespace CollectorLb.Testing.Fakes;

/// <summary>
/// Plays a crash at one <see cref="CrashPoint"/>: while armed, every pass through it throws, so the silo makes no
/// progress past it (as if it had died there) until the test kills it and disarms.
/// </summary>
public sealed class ArmedCrashPoints : ICrashPoints
{
    private int _crashes;

    public CrashPoint? Armed { get; set; }

    public int Crashes => Volatile.Read(ref _crashes);

    public void Reached(CrashPoint point)
    {
        if (point == Armed)
        {
            Interlocked.Increment(ref _crashes);
            throw new SimulatedCrashException(point);
        }
    }

    private sealed class SimulatedCrashException(CrashPoint point) : Exception($"simulated crash at {point}");
}
