namespace CollectorLb.Grains.Interop;

/// <summary>What a directory entry is, read without following links.</summary>
public enum UnixFileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, a socket or a device: opening one to read may block or mean something else entirely.</summary>
    Other,
}
