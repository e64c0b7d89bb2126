namespace CollectorLb.Grains.Interop;

/// <summary>
/// The exceptions the spool and the watcher make of an <see cref="Errno"/>: an
/// <see cref="IOException"/> whose <see cref="Exception.HResult"/> is the errno, so a caller can tell a host
/// running out of descriptors (EMFILE) from a file that is simply not there (ENOENT).
/// </summary>
public static class UnixErrors
{
    /// <summary>The exception is one of ours (or the runtime's) for <paramref name="errno"/>.</summary>
    public static bool Is(Exception exception, Errno errno) => exception is IOException && exception.HResult == (int)errno;

    /// <summary>The host ran short of something for a moment (descriptors, memory, space): not the file's fault.</summary>
    public static bool IsHostTrouble(Exception exception) =>
        exception is IOException && (Errno)exception.HResult is Errno.Eintr or Errno.Eagain or Errno.Enomem or Errno.Enfile or Errno.Emfile or Errno.Enospc or Errno.Enobufs or Errno.Edquot;

    /// <summary>The entry is a symbolic link (opened without following links): never a flow file.</summary>
    public static bool IsLink(Exception exception) => Is(exception, Errno.Eloop);

    /// <summary>The errno of the last P/Invoke call (declared with <c>SetLastError</c>) as an exception naming what failed.</summary>
    public static IOException LastError(string what) => For(Last(), what);

    /// <summary>The errno of the last P/Invoke call declared with <c>SetLastError</c>.</summary>
    public static Errno Last() => (Errno)Marshal.GetLastPInvokeError();

    /// <summary>
    /// <see cref="FileNotFoundException"/> for ENOENT and ENOTDIR (callers treat a vanished file as such), otherwise a
    /// plain <see cref="IOException"/>; either way HResult is the errno.
    /// </summary>
    public static IOException For(Errno errno, string what)
    {
        var message = $"{what}: {Marshal.GetPInvokeErrorMessage((int)errno)} (errno {(int)errno})";
        IOException exception = errno is Errno.Enoent or Errno.Enotdir ? new FileNotFoundException(message) : new IOException(message);
        exception.HResult = (int)errno;
        return exception;
    }
}
