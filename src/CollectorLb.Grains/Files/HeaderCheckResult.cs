namespace CollectorLb.Grains.Files;

public enum HeaderCheckResult
{
    /// <summary>A complete nfcapd file: it may be sent.</summary>
    Sendable,

    /// <summary>Its bytes say it is not a complete nfcapd file (or it is a link): quarantined at once.</summary>
    Invalid,

    /// <summary>Gone from the spool (someone else removed it): only its record goes to quarantine.</summary>
    Missing,

    /// <summary>Unreadable (EIO, no permission): a failure of the file's own, retried.</summary>
    Unreadable,

    /// <summary>The host ran short (EMFILE, ENOMEM, ENOSPC): the file waits, nothing is counted against it.</summary>
    HostTrouble,
}
