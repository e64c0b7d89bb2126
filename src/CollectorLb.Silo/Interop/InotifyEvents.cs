namespace CollectorLb.Silo.Interop;

/// <summary>The bits of an inotify mask this service asks for or reads (<c>IN_*</c> of <c>inotify(7)</c>).</summary>
[Flags]
internal enum InotifyEvents : uint
{
    ClosedAfterWrite = 0x8,
    MovedInto = 0x80,
    Created = 0x100,
    DirectoryDeleted = 0x400,
    DirectoryMoved = 0x800,
    Unmounted = 0x2000,
    QueueOverflow = 0x4000,
    WatchRemoved = 0x8000,

    /// <summary>Asked with a watch: fail unless the path is a directory.</summary>
    OnlyDirectory = 0x01000000,

    /// <summary>Asked with a watch: no events for entries already unlinked.</summary>
    ExcludeUnlinked = 0x04000000,

    /// <summary>Set on an event whose entry is a directory.</summary>
    IsDirectory = 0x40000000,
}
