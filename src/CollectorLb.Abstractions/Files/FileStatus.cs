namespace CollectorLb.Abstractions.Files;

/// <summary>Where a flow file is in its life. The transitions live in one place: <c>FileLifecycle</c>.</summary>
public enum FileStatus
{
    /// <summary>No file has been reported under this key.</summary>
    Unknown = 0,

    /// <summary>Claimed into the spool and waiting for an upload attempt (first or retry).</summary>
    Detected = 1,

    /// <summary>An upload to a connector is in progress.</summary>
    Dispatching = 2,

    /// <summary>A connector acknowledged the file; it is about to be deleted.</summary>
    Sent = 3,

    /// <summary>Acknowledged and removed from disk: the end of a healthy life.</summary>
    Deleted = 4,

    /// <summary>Moved aside because retrying cannot help (or was given up); waits for an operator.</summary>
    Quarantined = 5,
}
