namespace CollectorLb.Silo.Interop;

/// <summary>
/// One inotify event: its mask (<see cref="InotifyWatch"/>'s constants) and the entry's name, null for events of
/// the directory itself. A name that is not valid UTF-8 comes in a printable form with <c>\xNN</c> escapes.
/// </summary>
internal readonly record struct InotifyEvent(uint Mask, string? Name, bool NameIsUtf8)
{
    public bool Has(uint flag) => (Mask & flag) != 0;
}
