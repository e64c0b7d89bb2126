namespace CollectorLb.Grains.Spool;

/// <summary>
/// Opens a claimed file for reading: the header check and the upload both read through it, so a test can make
/// opening fail the way a host does (EMFILE, EIO).
/// </summary>
public interface IFileOpener
{
    /// <summary>Opens a regular file for reading; throws <see cref="IOException"/> (HResult = the errno where known) when it cannot.</summary>
    FileStream OpenRead(string path);
}
