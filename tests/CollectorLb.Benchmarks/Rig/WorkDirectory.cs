namespace CollectorLb.Benchmarks.Rig;

/// <summary>A fresh folder under the system temp folder (or in memory) for one scenario's files, removed on dispose.</summary>
internal sealed class WorkDirectory : IDisposable
{
    private const string SharedMemory = "/dev/shm";

    public WorkDirectory(string name, bool inMemory = false)
    {
        var root = inMemory && Directory.Exists(SharedMemory) ? SharedMemory : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(root, $"collectorlb-bench-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Keeps every work folder (silo logs, leftovers) for a look after the run.</summary>
    public static bool KeepAll { get; set; }

    /// <summary>A subfolder, created.</summary>
    public string Folder(string name)
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose()
    {
        if (KeepAll)
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
