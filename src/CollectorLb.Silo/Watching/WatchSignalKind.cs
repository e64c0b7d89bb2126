namespace CollectorLb.Silo.Watching;

internal enum WatchSignalKind
{
    /// <summary>A file was renamed into place: nfcapd's sign that it is complete.</summary>
    RenamedInto,

    /// <summary>A file appeared or changed; it may still be being written.</summary>
    Changed,

    /// <summary>List the whole directory: the listing is the truth, events only make us faster.</summary>
    Rescan,

    /// <summary>Room freed up in the spool: claim more of the last listing.</summary>
    ClaimBacklog,

    /// <summary>Look again at files waiting for their size to settle.</summary>
    RecheckPending,
}
