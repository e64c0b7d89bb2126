using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CollectorLb.Silo.Interop;

/// <summary>
/// <c>statx(2)</c> without following links. .NET reports a FIFO or a socket as an ordinary file, and opening a
/// FIFO to read it blocks forever, so the watcher must know the real file type before it touches anything.
/// statx has one layout on every Linux architecture, unlike <c>struct stat</c>.
/// </summary>
public readonly record struct UnixFileInfo(UnixFileKind Kind, long Size, DateTimeOffset ModifiedAt)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int Enoent = 2;
    private const int Enotdir = 20;

    public static UnixFileInfo Read(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is Enoent or Enotdir
                ? new UnixFileInfo(UnixFileKind.Missing, 0, default)
                : throw new IOException($"statx of '{path}' failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

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
}
