namespace CollectorLb.Silo.Watching;

internal enum WatchSignalKind
{
    /// <summary>A file was renamed into place (from this directory or another): it is complete.</summary>
    RenamedInto,

    /// <summary>A file appeared or was written in place; it may still be being written.</summary>
    Changed,

    /// <summary>An entry whose name is not UTF-8 appeared: it can be reported, never claimed.</summary>
    UndecodableName,

    /// <summary>List the whole directory: the listing is the truth, events only make us faster.</summary>
    Rescan,

    /// <summary>Room freed up in the spool: claim more of the last listing.</summary>
    ClaimBacklog,

    /// <summary>Look again at files waiting for their size to settle.</summary>
    RecheckPending,

    /// <summary>Report again the claimed files whose grain did not take them (its silo was being lost, say).</summary>
    RetryUnreported,

    /// <summary>The kernel dropped events (queue overflow): list the whole directory.</summary>
    EventsLost,

    /// <summary>The watch on the directory ended (the directory was removed or moved): list it and watch it again.</summary>
    WatchEnded,
}
