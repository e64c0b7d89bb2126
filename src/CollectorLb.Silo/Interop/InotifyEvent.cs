namespace CollectorLb.Silo.Interop;

/// <summary>
/// One inotify event: its mask and the entry's name, null for events of the directory itself. A name that is not
/// valid UTF-8 comes in a printable form with <c>\xNN</c> escapes.
/// </summary>
internal readonly record struct InotifyEvent(InotifyEvents Mask, string? Name, bool NameIsUtf8)
{
    /// <summary>True when the mask holds any of <paramref name="any"/>'s bits.</summary>
    public bool Has(InotifyEvents any) => (Mask & any) != 0;
}
