namespace CollectorLb.Grains.Spool;

/// <summary>Production: nothing happens at a crash point.</summary>
internal sealed class NoCrashPoints : ICrashPoints
{
    public void Reached(CrashPoint point)
    {
    }
}
