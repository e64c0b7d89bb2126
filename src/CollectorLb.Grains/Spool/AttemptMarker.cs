using System.Runtime.InteropServices;

namespace CollectorLb.Grains.Spool;

/// <summary>
/// Marks a claimed file whose upload has started, so that after a crash a resend can be counted as a possible
/// duplicate. An extended attribute on the file itself costs no new inode (a marker file per upload was a
/// seventh of the silo's CPU under load); where the filesystem has no user attributes, a hidden file beside it.
/// </summary>
internal static class AttemptMarker
{
    private const string AttributeName = "user.collectorlb.attempted";
    private const int Enotsup = 95;
    private static readonly byte[] Value = [(byte)'1'];
    private static volatile bool _attributesUnsupported;
    private static volatile bool _markerFilesUsed;

    public static void Mark(string path)
    {
        if (!_attributesUnsupported)
        {
            if (SetXattr(path, AttributeName, Value, (nuint)Value.Length, 0) == 0)
            {
                return;
            }

            // Only a filesystem without user attributes needs marker files from now on; any other failure (the
            // file gone, no permission on it) is this file's alone.
            if (Marshal.GetLastPInvokeError() == Enotsup)
            {
                _attributesUnsupported = true;
            }
        }

        if (FallbackPath(path) is { } marker)
        {
            _markerFilesUsed = true;
            File.Create(marker).Dispose();
        }
    }

    /// <summary>
    /// Looks for a marker file whenever the attribute is absent: a file whose attribute could not be set got one
    /// even where the filesystem has attributes, and after a restart nothing else tells.
    /// </summary>
    public static bool IsMarked(string path) =>
        GetXattr(path, AttributeName, IntPtr.Zero, 0) > 0 || (FallbackPath(path) is { } marker && File.Exists(marker));

    /// <summary>Removes the fallback marker, if any (the attribute goes with the file).</summary>
    public static void Clear(string path)
    {
        if (_markerFilesUsed && FallbackPath(path) is { } marker)
        {
            File.Delete(marker);
        }
    }

    /// <summary>Hidden, so the spool's listing skips it; null for a name too long to carry the suffix.</summary>
    private static string? FallbackPath(string path)
    {
        var name = $".{Path.GetFileName(path)}.attempted";
        return FileNameLimit.Fits(name) ? Path.Combine(Path.GetDirectoryName(path)!, name) : null;
    }

    [DllImport("libc", EntryPoint = "setxattr", SetLastError = true)]
    private static extern int SetXattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nuint size, int flags);

    [DllImport("libc", EntryPoint = "getxattr", SetLastError = true)]
    private static extern nint GetXattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, IntPtr value, nuint size);
}
