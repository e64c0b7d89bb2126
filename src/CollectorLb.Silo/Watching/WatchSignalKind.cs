namespace CollectorLb.Silo.Watching;

internal enum WatchSignalKind
{
    /// <summary>A file was renamed into place: nfcapd's sign that it is complete.</summary>
    RenamedInto,

    /// <summary>A file appeared or changed; it may still be being written.</summary>
    Changed,

    /// <summary>List the whole directory: the listing is the truth, events only make us faster.</summary>
    Rescan,

    /// <summary>Look again at files waiting for their size to settle.</summary>
    RecheckPending,
}
