using System.Text.Json;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Options;
using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Spool;

/// <summary>
/// The quarantine folder: a file goes to <c>quarantine/&lt;name&gt;</c> with <c>&lt;name&gt;.json</c> beside it
/// saying why. When that name is taken (the same name quarantined twice) or too long for a sidecar name, both go
/// into <c>quarantine/&lt;claim id&gt;/</c> instead, the file still under its own name.
/// </summary>
public sealed class QuarantineStore(IOptions<SpoolOptions> options)
{
    private const string SidecarSuffix = ".json";
    private const string SidecarPattern = "*" + SidecarSuffix;
    private const string ClaimSidecarName = "quarantine.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Directory => options.Value.QuarantineDirectoryFullPath;

    /// <summary>Moves the file at <paramref name="currentPath"/> (if it still exists) and writes its sidecar; returns the record as written.</summary>
    public QuarantinedFile Add(FileKey key, string currentPath, QuarantinedFile record)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var (filePath, sidecarPath) = ChooseLocation(key);
        string? finalPath = null;
        if (File.Exists(currentPath))
        {
            File.Move(currentPath, filePath);
            finalPath = filePath;
        }

        var written = record with { Path = finalPath };
        File.WriteAllText(sidecarPath, JsonSerializer.Serialize(written, Json));
        return written;
    }

    /// <summary>Every quarantined file, read from the sidecars.</summary>
    public IReadOnlyList<QuarantinedFile> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var records = new List<QuarantinedFile>();
        foreach (var sidecar in System.IO.Directory.EnumerateFiles(Directory, SidecarPattern, SearchOption.AllDirectories))
        {
            if (TryRead(sidecar) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>How many files are quarantined: their sidecars, counted without reading them.</summary>
    public long Count() =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateFiles(Directory, SidecarPattern, SearchOption.AllDirectories).LongCount() : 0;

    public QuarantinedFile? Find(FileKey key) => FindSidecar(key)?.Record;

    /// <summary>Hands a quarantined file to <paramref name="moveBack"/> (given its path here), then removes its sidecar; false when its bytes are gone.</summary>
    public bool Release(FileKey key, Action<string> moveBack)
    {
        if (FindSidecar(key) is not { Record.Path: { } path } sidecar || !File.Exists(path))
        {
            return false;
        }

        moveBack(path);
        File.Delete(sidecar.Path);
        var folder = Path.GetDirectoryName(path)!;
        if (folder != Directory && !System.IO.Directory.EnumerateFileSystemEntries(folder).Any())
        {
            System.IO.Directory.Delete(folder);
        }

        return true;
    }

    private (string FilePath, string SidecarPath) ChooseLocation(FileKey key)
    {
        var filePath = Path.Combine(Directory, key.FileName);
        var sidecarPath = filePath + SidecarSuffix;
        if (FileNameLimit.Fits(key.FileName + SidecarSuffix) && !File.Exists(filePath) && !File.Exists(sidecarPath))
        {
            return (filePath, sidecarPath);
        }

        var claimFolder = Path.Combine(Directory, key.ClaimId);
        System.IO.Directory.CreateDirectory(claimFolder);
        return (Path.Combine(claimFolder, key.FileName), Path.Combine(claimFolder, ClaimSidecarName));
    }

    /// <summary>The key's sidecar, looked for only where <see cref="ChooseLocation"/> may have written it, and its record.</summary>
    private (string Path, QuarantinedFile Record)? FindSidecar(FileKey key)
    {
        foreach (var candidate in new[] { Path.Combine(Directory, key.ClaimId, ClaimSidecarName), Path.Combine(Directory, key.FileName) + SidecarSuffix })
        {
            if (File.Exists(candidate) && TryRead(candidate) is { } record && record.Key == key.ToString())
            {
                return (candidate, record);
            }
        }

        return null;
    }

    private static QuarantinedFile? TryRead(string sidecar)
    {
        try
        {
            var record = JsonSerializer.Deserialize<QuarantinedFile>(File.ReadAllText(sidecar), Json);
            return record is { Key.Length: > 0 } ? record : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            // A quarantined flow file that happens to end in .json, or a sidecar being written: not ours to read.
            return null;
        }
    }
}
