namespace CollectorLb.Grains.Interop;

/// <summary>
/// One entry of a directory as the kernel lists it. A name that is not valid UTF-8 has no .NET string that opens
/// it again (.NET decodes it with U+FFFD); its <see cref="Name"/> is then a printable form with <c>\xNN</c> escapes.
/// </summary>
/// <param name="Kind">The type the listing reported; null when the filesystem did not say (look with statx).</param>
public readonly record struct DirectoryEntry(string Name, bool NameIsUtf8, UnixFileKind? Kind);
