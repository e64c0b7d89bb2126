namespace CollectorLb.Grains.Spool;

/// <summary>Told when a multi-step move reaches a <see cref="CrashPoint"/>; fault-injection tests throw here to play a crash.</summary>
public interface ICrashPoints
{
    void Reached(CrashPoint point);
}
