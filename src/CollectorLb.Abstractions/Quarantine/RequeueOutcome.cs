namespace CollectorLb.Abstractions.Quarantine;

/// <summary>
/// What an operator's requeue came to, as the dashboard and the CLI report it. A file grain answers only the first
/// three; the host and cluster grains add the rest while finding the file.
/// </summary>
public enum RequeueOutcome
{
    /// <summary>Back in the spool; the file is being delivered again.</summary>
    Requeued,

    /// <summary>Known, but not in quarantine (already delivered, or never quarantined).</summary>
    NotQuarantined,

    /// <summary>Quarantined, but its bytes are gone from the quarantine folder.</summary>
    FileMissing,

    /// <summary>No quarantined file of that key or name on any host that answered.</summary>
    NotFound,

    /// <summary>A bare file name matched quarantined files on several hosts or claims: give the key.</summary>
    Ambiguous,

    /// <summary>The key names another host (asked of a host grain only).</summary>
    NotThisHost,

    /// <summary>The host of the file did not answer.</summary>
    HostUnreachable,

    /// <summary>Not a key or name a file can have (a '.' or '..' part, a NUL, too long): refused before anything was looked up.</summary>
    Invalid,
}
