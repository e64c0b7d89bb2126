namespace CollectorLb.Grains.Interop;

/// <summary>
/// Moves a directory entry with one <c>rename(2)</c>: the name is in one place or the other, never both, and
/// nothing is copied. .NET's <c>File.Move</c> links the file to the new name and then unlinks the old one (to
/// refuse overwriting); when the unlink fails (an immutable file, a sticky directory) both names stay, and a
/// claim made that way sends a file that is still waiting to be claimed again.
/// </summary>
internal static class UnixRename
{
    private const uint RenameNoReplace = 1;

    // Cleared once the kernel or the C library turns out not to offer renameat2.
    private static volatile bool _noReplaceAvailable = true;

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> on the same filesystem, refusing to replace an
    /// existing entry (EEXIST). Throws an <see cref="IOException"/> whose HResult is the errno.
    /// </summary>
    public static void Move(string from, string to)
    {
        if (_noReplaceAvailable)
        {
            try
            {
                if (RenameAt2(OpenFlags.AtCurrentDirectory, from, OpenFlags.AtCurrentDirectory, to, RenameNoReplace) == 0)
                {
                    return;
                }
            }
            catch (EntryPointNotFoundException)
            {
                _noReplaceAvailable = false; // a C library older than renameat2
                Move(from, to);
                return;
            }

            var errno = UnixErrors.Last();
            switch (errno)
            {
                case Errno.Enosys:
                    _noReplaceAvailable = false; // a kernel without renameat2: plain rename from now on
                    break;
                case Errno.Einval:
                    break; // a filesystem without RENAME_NOREPLACE
                default:
                    throw UnixErrors.For(errno, $"cannot rename '{from}' to '{to}'");
            }
        }

        // rename(2) replaces silently; the target is looked at first (a race only with ourselves: targets are in our spool).
        if (UnixFileInfo.Read(to).Kind != UnixFileKind.Missing)
        {
            throw UnixErrors.For(Errno.Eexist, $"cannot rename '{from}' to '{to}'");
        }

        if (Rename(from, to) != 0)
        {
            throw UnixErrors.LastError($"cannot rename '{from}' to '{to}'");
        }
    }

    /// <summary>
    /// As <see cref="Move"/>; when the target is on another filesystem (a quarantine folder configured elsewhere), a
    /// copy and a delete instead.
    /// </summary>
    public static void MoveAnywhere(string from, string to)
    {
        try
        {
            Move(from, to);
        }
        catch (IOException ex) when (UnixErrors.Is(ex, Errno.Exdev))
        {
            File.Move(from, to);
        }
    }

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(
        int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
