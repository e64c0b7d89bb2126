namespace CollectorLb.Grains.Files;

/// <summary>A two-step move between the spool and the quarantine folder that a crash may have cut in half.</summary>
public enum QuarantineMove
{
    None,

    /// <summary>The quarantine record may be written and the file may have moved; the state does not say Quarantined yet.</summary>
    ToQuarantine,

    /// <summary>The requeue is decided (state written); the file may still be in quarantine, its record may remain.</summary>
    BackToSpool,
}
