namespace CollectorLb.Grains.Interop;

/// <summary>
/// <c>statx(2)</c> without following links. .NET reports a FIFO or a socket as an ordinary file, and opening a
/// FIFO to read it blocks forever, so the watcher must know the real file type before it touches anything.
/// statx has one layout on every Linux architecture, unlike <c>struct stat</c>.
/// </summary>
public readonly record struct UnixFileInfo(UnixFileKind Kind, long Size, DateTimeOffset ModifiedAt)
{
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int BufferBytes = 256;

    /// <summary>The entry at <paramref name="path"/> itself (a link is a link); Missing when it or a parent folder is not there.</summary>
    public static UnixFileInfo Read(string path)
    {
        Span<byte> buffer = stackalloc byte[BufferBytes];
        if (Statx(OpenFlags.AtCurrentDirectory, path, AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            var errno = UnixErrors.Last();
            return errno is Errno.Enoent or Errno.Enotdir
                ? new UnixFileInfo(UnixFileKind.Missing, 0, default)
                : throw UnixErrors.For(errno, $"statx of '{path}' failed");
        }

        return Decode(buffer);
    }

    /// <summary>What an open file descriptor refers to (<c>fstat</c>).</summary>
    public static UnixFileInfo Read(SafeFileHandle handle, string pathForMessages)
    {
        Span<byte> buffer = stackalloc byte[BufferBytes];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return StatxDescriptor((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) == 0
                ? Decode(buffer)
                : throw UnixErrors.LastError($"fstat of '{pathForMessages}' failed");
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static UnixFileInfo Decode(ReadOnlySpan<byte> buffer)
    {
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]);
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer[112..]);
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(buffer[120..]);
        var modified = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds / 100);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => UnixFileKind.Regular,
            0x4000 => UnixFileKind.Directory,
            0xA000 => UnixFileKind.SymbolicLink,
            _ => UnixFileKind.Other,
        };
        return new UnixFileInfo(kind, size, modified);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, ref byte buffer);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxDescriptor(int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string emptyPath, int flags, uint mask, ref byte buffer);
}
