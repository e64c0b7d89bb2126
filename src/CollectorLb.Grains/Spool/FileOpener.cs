namespace CollectorLb.Grains.Spool;

/// <summary>Opens files for reading asynchronously and sequentially, as an upload streams them.</summary>
internal sealed class FileOpener : IFileOpener
{
    public FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
