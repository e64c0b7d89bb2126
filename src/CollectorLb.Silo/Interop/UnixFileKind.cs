namespace CollectorLb.Silo.Interop;

/// <summary>What a directory entry is, read without following links.</summary>
public enum UnixFileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Other,
}
