using System.Runtime.InteropServices;

namespace CollectorLb.Testing.Flows;

/// <summary>
/// What a hostile host puts in a flow directory, made with the system calls .NET does not offer: names that are
/// not UTF-8, FIFOs, immutable files. Tests that make immutable files need root and say so when they do not have it.
/// </summary>
public static class HostileEntries
{
    private const nuint FsIocGetFlags = 0x80086601; // _IOR('f', 1, long)
    private const nuint FsIocSetFlags = 0x40086602; // _IOW('f', 2, long)
    private const int ImmutableFlag = 0x10; // FS_IMMUTABLE_FL

    /// <summary>EPERM: what renaming or removing an immutable file fails with.</summary>
    public const int ImmutableErrno = 1;

    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>Fails the test with a clear message unless it runs as root (CI and these machines do).</summary>
    public static void RequireRoot(string why) =>
        Assert.True(IsRoot, $"this test must run as root ({why}); it runs as uid {GetEffectiveUserId()}");

    /// <summary>Creates a file whose name is the raw <paramref name="name"/> bytes (not necessarily UTF-8); returns them.</summary>
    public static byte[] CreateWithRawName(string directory, byte[] name, byte[] content)
    {
        var path = Encoding.UTF8.GetBytes(directory + "/").Concat(name).Append((byte)0).ToArray();
        var fd = Open(path, 0x1 | 0x40 | 0x200 | 0x80000, 0x1A4); // O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644
        Assert.True(fd >= 0, $"open failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            Assert.Equal(content.Length, (int)Write(fd, content, (nuint)content.Length));
        }
        finally
        {
            Close(fd);
        }

        return name;
    }

    /// <summary>True while an entry with exactly the raw <paramref name="name"/> exists in <paramref name="directory"/> (links not followed).</summary>
    public static bool ExistsWithRawName(string directory, byte[] name)
    {
        var path = Encoding.UTF8.GetBytes(directory + "/").Concat(name).Append((byte)0).ToArray();
        return FileAccessAt(path) == 0;
    }

    /// <summary>Renames the entry with the raw <paramref name="name"/> bytes to <paramref name="newName"/>, in the same directory.</summary>
    public static void RenameRawName(string directory, byte[] name, string newName)
    {
        var from = Encoding.UTF8.GetBytes(directory + "/").Concat(name).Append((byte)0).ToArray();
        var to = Encoding.UTF8.GetBytes(Path.Combine(directory, newName)).Append((byte)0).ToArray();
        Assert.True(Rename(from, to) == 0, $"rename to {newName} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static void MakeFifo(string path) =>
        Assert.True(MkFifo(path, 0x1A4) == 0, $"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");

    /// <summary>
    /// What <c>chattr +i</c> does (the inode flag, set with FS_IOC_SETFLAGS): not even root may rename, delete or change
    /// the file until <see cref="ClearImmutable"/>. Needs root (CAP_LINUX_IMMUTABLE).
    /// </summary>
    public static void SetImmutable(string path) =>
        Assert.True(TryChangeFlags(path, flags => flags | ImmutableFlag, out var errno), $"setting the immutable flag of {path} failed: errno {errno}");

    /// <summary>What <c>chattr -i</c> does; quiet when the file is gone or the flag cannot be cleared, so cleanups can call it whatever happened.</summary>
    public static void ClearImmutable(string path)
    {
        if (File.Exists(path))
        {
            TryChangeFlags(path, flags => flags & ~ImmutableFlag, out _);
        }
    }

    private static bool TryChangeFlags(string path, Func<int, int> change, out int errno)
    {
        errno = 0;
        var fd = Open(Encoding.UTF8.GetBytes(path).Append((byte)0).ToArray(), 0x800 | 0x80000, 0); // O_RDONLY | O_NONBLOCK | O_CLOEXEC
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return false;
        }

        try
        {
            var flags = 0;
            if (Ioctl(fd, FsIocGetFlags, ref flags) != 0)
            {
                errno = Marshal.GetLastPInvokeError();
                return false;
            }

            flags = change(flags);
            if (Ioctl(fd, FsIocSetFlags, ref flags) != 0)
            {
                errno = Marshal.GetLastPInvokeError();
                return false;
            }

            return true;
        }
        finally
        {
            Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags, int mode);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, byte[] buffer, nuint count);

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(byte[] from, byte[] to);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int Ioctl(int fd, nuint request, ref int flags);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    // faccessat(AT_FDCWD, path, F_OK, AT_SYMLINK_NOFOLLOW)
    private static int FileAccessAt(byte[] path) => FAccessAt(-100, path, 0, 0x100);

    [DllImport("libc", EntryPoint = "faccessat", SetLastError = true)]
    private static extern int FAccessAt(int dirFd, byte[] path, int mode, int flags);
}
