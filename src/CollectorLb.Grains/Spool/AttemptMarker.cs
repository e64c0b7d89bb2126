using CollectorLb.Grains.Interop;

namespace CollectorLb.Grains.Spool;

/// <summary>
/// Marks a claimed file whose upload has started, so that after a crash a resend can be counted as a possible
/// duplicate. An extended attribute on the file itself costs no new inode, where a marker file per upload would
/// cost one; where the filesystem has no user attributes, a hidden file beside it. One per spool: what it learns
/// about the spool's filesystem and marker files holds for that spool's directory only.
/// </summary>
internal sealed class AttemptMarker
{
    private const string AttributeName = "user.collectorlb.attempted";
    private const string MarkerSuffix = ".attempted";
    private static readonly byte[] Value = [(byte)'1'];
    private volatile bool _attributesUnsupported;

    // Marker files exist only where this spool made one or held one at a listing; only then is an absent attribute
    // worth a look for one (otherwise a stat per new file for nothing).
    private volatile bool _markerFilesMayExist;

    public void Mark(string path)
    {
        if (!_attributesUnsupported)
        {
            if (SetXattr(path, AttributeName, Value, (nuint)Value.Length, 0) == 0)
            {
                return;
            }

            // Only a filesystem without user attributes needs marker files from now on; any other failure (the
            // file gone, no permission on it) is this file's alone.
            if (UnixErrors.Last() == Errno.Enotsup)
            {
                _attributesUnsupported = true;
            }
        }

        if (FallbackPath(path) is { } marker)
        {
            _markerFilesMayExist = true;
            CreateMarkerFile(marker);
        }
    }

    /// <summary>Creates the marker only where nothing is (O_EXCL): an entry planted under its name, a link say, is never followed.</summary>
    private static void CreateMarkerFile(string marker)
    {
        try
        {
            new FileStream(marker, FileMode.CreateNew, FileAccess.Write).Dispose();
        }
        catch (IOException) when (Interop.UnixFileInfo.Read(marker).Kind != Interop.UnixFileKind.Missing)
        {
            // Marked by an earlier attempt already.
        }
    }

    /// <summary>
    /// Looks for a marker file whenever the attribute is absent: a file whose attribute could not be set got one
    /// even where the filesystem has attributes, and after a restart nothing else tells.
    /// </summary>
    public bool IsMarked(string path) =>
        GetXattr(path, AttributeName, IntPtr.Zero, 0) > 0 || (_markerFilesMayExist && FallbackPath(path) is { } marker && File.Exists(marker));

    /// <summary>True for the name of a marker file (hidden, so listings of claimed files skip it anyway).</summary>
    public static bool IsMarkerFileName(string fileName) => fileName.StartsWith('.') && fileName.EndsWith(MarkerSuffix, StringComparison.Ordinal);

    /// <summary>A listing of the spool found a marker file, e.g. one left from before a restart.</summary>
    public void NoteMarkerFileFound() => _markerFilesMayExist = true;

    /// <summary>Removes the fallback marker, if any (the attribute goes with the file).</summary>
    public void Clear(string path)
    {
        if (_markerFilesMayExist && FallbackPath(path) is { } marker)
        {
            File.Delete(marker);
        }
    }

    /// <summary>Hidden, so the spool's listing skips it; null for a name too long to carry the suffix.</summary>
    private static string? FallbackPath(string path)
    {
        var name = $".{Path.GetFileName(path)}{MarkerSuffix}";
        return FileNameLimit.Fits(name) ? Path.Combine(Path.GetDirectoryName(path)!, name) : null;
    }

    // The l- variants act on the entry itself: a claimed file is a regular file, and a link is never followed.
    [DllImport("libc", EntryPoint = "lsetxattr", SetLastError = true)]
    private static extern int SetXattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nuint size, int flags);

    [DllImport("libc", EntryPoint = "lgetxattr", SetLastError = true)]
    private static extern nint GetXattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, IntPtr value, nuint size);
}
