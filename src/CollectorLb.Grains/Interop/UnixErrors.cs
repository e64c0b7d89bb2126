using System.Runtime.InteropServices;

namespace CollectorLb.Grains.Interop;

/// <summary>
/// The errno values the spool and the watcher tell apart, and the exceptions they become: an
/// <see cref="IOException"/> whose <see cref="Exception.HResult"/> is the errno, so a caller can tell a host
/// running out of descriptors (EMFILE) from a file that is simply not there (ENOENT).
/// </summary>
public static class UnixErrors
{
    public const int Enoent = 2;
    public const int Eintr = 4;
    public const int Enxio = 6;
    public const int Eagain = 11;
    public const int Enomem = 12;
    public const int Eexist = 17;
    public const int Exdev = 18;
    public const int Enotdir = 20;
    public const int Eisdir = 21;
    public const int Einval = 22;
    public const int Enfile = 23;
    public const int Emfile = 24;
    public const int Enospc = 28;
    public const int Enosys = 38;
    public const int Eloop = 40;
    public const int Enobufs = 105;
    public const int Edquot = 122;

    /// <summary>The host ran short of something for a moment (descriptors, memory, space): not the file's fault.</summary>
    public static bool IsHostTrouble(Exception exception) =>
        exception is IOException { HResult: Eintr or Eagain or Enomem or Enfile or Emfile or Enospc or Enobufs or Edquot };

    /// <summary>The entry is a symbolic link (opened without following links): never a flow file.</summary>
    public static bool IsLink(Exception exception) => exception is IOException { HResult: Eloop };

    /// <summary>The errno of the last P/Invoke call (declared with <c>SetLastError</c>) as an exception naming what failed.</summary>
    public static IOException LastError(string what) => For(Marshal.GetLastPInvokeError(), what);

    /// <summary>
    /// <see cref="FileNotFoundException"/> for ENOENT and ENOTDIR (callers treat a vanished file as such), otherwise a
    /// plain <see cref="IOException"/>; either way HResult is the errno.
    /// </summary>
    public static IOException For(int errno, string what)
    {
        var message = $"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
        IOException exception = errno is Enoent or Enotdir ? new FileNotFoundException(message) : new IOException(message);
        exception.HResult = errno;
        return exception;
    }
}
