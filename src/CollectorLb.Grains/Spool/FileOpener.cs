using CollectorLb.Grains.Interop;

namespace CollectorLb.Grains.Spool;

/// <summary>
/// Opens claimed files for reading as an upload streams them, with <c>open(2)</c> itself: a symbolic link is
/// refused (<c>O_NOFOLLOW</c>, ELOOP) rather than followed out of the spool, and a FIFO planted under a flow
/// file's name cannot block the thread (<c>O_NONBLOCK</c>; then <c>fstat</c> must say regular file). Failures are
/// <see cref="IOException"/>s whose HResult is the errno (EMFILE 24, ENFILE 23, EIO 5, ELOOP 40, ENOENT 2 as a
/// <see cref="FileNotFoundException"/>, EISDIR 21 or ENXIO 6 for an entry that is not a regular file).
/// </summary>
internal sealed class FileOpener : IFileOpener
{
    public FileStream OpenRead(string path)
    {
        var fd = Open(path, OpenFlags.ReadOnly | OpenFlags.NoFollow | OpenFlags.NonBlock | OpenFlags.CloseOnExec);
        if (fd < 0)
        {
            throw UnixErrors.LastError($"cannot open '{path}'");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var kind = UnixFileInfo.Read(handle, path).Kind;
            if (kind != UnixFileKind.Regular)
            {
                throw UnixErrors.For(kind == UnixFileKind.Directory ? Errno.Eisdir : Errno.Enxio, $"cannot read '{path}': not a regular file");
            }

            // Reads of a regular file never wait on O_NONBLOCK anyway; cleared so the stream sees an ordinary descriptor.
            var flags = Fcntl(fd, FcntlCommand.GetStatusFlags, 0);
            if (flags < 0 || Fcntl(fd, FcntlCommand.SetStatusFlags, flags & ~OpenFlags.NonBlock) < 0)
            {
                throw UnixErrors.LastError($"cannot prepare '{path}' for reading");
            }

            // On Linux a FileStream's ReadAsync runs the read on the thread pool whether or not the handle is "async"
            // (there is no asynchronous file I/O to ask for), so a descriptor of our own loses nothing.
            return new FileStream(handle, FileAccess.Read, bufferSize: 0, isAsync: false);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, FcntlCommand command, int argument);
}
