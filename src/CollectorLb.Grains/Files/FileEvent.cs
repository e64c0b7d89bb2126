namespace CollectorLb.Grains.Files;

/// <summary>Something that happens to a flow file; <see cref="FileLifecycle"/> says where it leads.</summary>
public enum FileEvent
{
    Detected,
    AttemptStarted,
    Sent,
    AttemptFailed,
    Deleted,
    Quarantined,
    Requeued,
}
