namespace CollectorLb.Grains.Spool;

/// <summary>Tells the host's troubles (out of descriptors, memory or space) from a file's own when reading it fails.</summary>
internal static class IoErrors
{
    // Linux errno values; on Linux .NET (and our opener) put the errno in an IOException's HResult.
    private const int Eintr = 4, Eagain = 11, Enomem = 12, Enfile = 23, Emfile = 24, Enospc = 28, Enobufs = 105, Edquot = 122;
    private const int Eloop = 40;

    /// <summary>The host ran short of something for a moment: not the file's fault, so it must not count against it.</summary>
    public static bool IsHostTrouble(Exception exception) =>
        exception is IOException { HResult: Eintr or Eagain or Enomem or Enfile or Emfile or Enospc or Enobufs or Edquot };

    /// <summary>The claimed entry is a symbolic link (opened without following links): never a flow file.</summary>
    public static bool IsLink(Exception exception) => exception is IOException { HResult: Eloop };
}
