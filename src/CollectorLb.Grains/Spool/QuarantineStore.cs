using System.IO.Enumeration;
using System.Text.Json;
using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Interop;
using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Spool;

/// <summary>
/// The quarantine folder: a file goes to <c>quarantine/&lt;name&gt;</c> with <c>&lt;name&gt;.json</c> beside it
/// saying why. When that name is taken (the same name quarantined twice) or too long for a sidecar name, both go
/// into <c>quarantine/&lt;claim id&gt;/</c> instead, the file still under its own name. Every move writes the record
/// first (atomically: a temporary file renamed into place) and removes it last, so a crash at any point leaves
/// either a record beside its file or a record of a file still in the spool, which the file's grain repairs.
/// </summary>
public sealed class QuarantineStore(IOptions<SpoolOptions> options, IOptions<HostIdentityOptions> identity, ICrashPoints crashPoints)
{
    private const string SidecarSuffix = ".json";
    private const string SidecarPattern = "*" + SidecarSuffix;
    /// <summary>Sidecar of a name too long to take the suffix, in its claim folder (and, from earlier versions, of any name).</summary>
    private const string LongNameSidecarPrefix = "quarantine";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Directory => options.Value.QuarantineDirectoryFullPath;

    /// <summary>
    /// Writes the record, then moves the file at <paramref name="currentPath"/> (if it still exists) beside it; returns
    /// the record as written. Done again after a crash, it finishes the same move (one key, one place).
    /// </summary>
    public QuarantinedFile Add(FileKey key, string currentPath, QuarantinedFile record)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var (filePath, sidecarPath) = FindSidecar(key) is { } existing ? LocationOf(key, existing.Path) : ChooseLocation(key);
        var moveNeeded = !File.Exists(filePath) && File.Exists(currentPath);
        var written = record with { Path = moveNeeded || File.Exists(filePath) ? filePath : null };
        WriteAtomically(sidecarPath, JsonSerializer.Serialize(written, Json));
        crashPoints.Reached(CrashPoint.QuarantineRecordWritten);
        if (moveNeeded)
        {
            UnixRename.MoveAnywhere(currentPath, filePath);
        }

        crashPoints.Reached(CrashPoint.QuarantineFileMoved);
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

    /// <summary>True when the key's file is here, with its record.</summary>
    public bool Holds(FileKey key) => FindSidecar(key) is { Record.Path: { } path } && File.Exists(path);

    /// <summary>
    /// Hands a quarantined file to <paramref name="moveBack"/> (given its path here), then removes its record; false
    /// when its bytes are gone. The caller has written its decision to requeue before: a crash in between is repaired
    /// by calling this again (the file still here) or <see cref="Forget"/> (the file back already).
    /// </summary>
    public bool Release(FileKey key, Action<string> moveBack)
    {
        crashPoints.Reached(CrashPoint.RequeueDecided);
        if (FindSidecar(key) is not { Record.Path: { } path } || !File.Exists(path))
        {
            return false;
        }

        moveBack(path);
        crashPoints.Reached(CrashPoint.RequeueFileMovedBack);
        Forget(key);
        return true;
    }

    /// <summary>Removes the key's record (its file is elsewhere: back in the spool), and a claim folder left empty.</summary>
    public void Forget(FileKey key)
    {
        if (FindSidecar(key) is not { } sidecar)
        {
            return;
        }

        File.Delete(sidecar.Path);
        var folder = Path.GetDirectoryName(sidecar.Path)!;
        if (folder != Directory && !System.IO.Directory.EnumerateFileSystemEntries(folder).Any())
        {
            System.IO.Directory.Delete(folder);
        }
    }

    /// <summary>Where a record written at <paramref name="sidecarPath"/> keeps its file.</summary>
    private static (string FilePath, string SidecarPath) LocationOf(FileKey key, string sidecarPath) =>
        (SafePath.Under(Path.GetDirectoryName(sidecarPath)!, key.FileName), sidecarPath);

    /// <summary>
    /// A hidden temporary file in the same folder renamed over the target: readers see the old record or the new, never
    /// half, and listings skip a temporary file a crash left.
    /// </summary>
    private static void WriteAtomically(string path, string text)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".collectorlb-{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The sidecar of <paramref name="fileName"/> in a claim folder: beside it with the suffix, or by a hash of a name too long for one.</summary>
    private static string ClaimSidecarName(string fileName) =>
        FileNameLimit.Fits(fileName + SidecarSuffix)
            ? fileName + SidecarSuffix
            : $"{LongNameSidecarPrefix}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fileName)))[..16]}{SidecarSuffix}";

    private (string FilePath, string SidecarPath) ChooseLocation(FileKey key)
    {
        var filePath = SafePath.Under(Directory, key.FileName);
        var sidecarPath = filePath + SidecarSuffix;
        if (FileNameLimit.Fits(key.FileName + SidecarSuffix) && !File.Exists(filePath) && !File.Exists(sidecarPath))
        {
            return (filePath, sidecarPath);
        }

        var claimFolder = SafePath.Under(Directory, key.ClaimId);
        System.IO.Directory.CreateDirectory(claimFolder);
        return (Path.Combine(claimFolder, key.FileName), Path.Combine(claimFolder, ClaimSidecarName(key.FileName)));
    }

    /// <summary>The key's sidecar, looked for only where <see cref="ChooseLocation"/> may have written it, and its record.</summary>
    private (string Path, QuarantinedFile Record)? FindSidecar(FileKey key)
    {
        string[] candidates =
        [
            SafePath.Under(Directory, key.ClaimId, ClaimSidecarName(key.FileName)),
            SafePath.Under(Directory, key.ClaimId, LongNameSidecarPrefix + SidecarSuffix),
            SafePath.Under(Directory, key.FileName) + SidecarSuffix,
        ];
        foreach (var candidate in candidates)
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

    /// <summary>
    /// The quarantined files after <paramref name="after"/> in <see cref="QuarantinePosition"/> order that
    /// <paramref name="match"/> accepts: at most <paramref name="limit"/> of them, reading at most
    /// <paramref name="maxReads"/> sidecars. Positions come from directory names (file name from the sidecar's name, or
    /// from the one file in a claim folder), so a page of 100 reads 100 sidecars however many files wait.
    /// </summary>
    public QuarantineScan Scan(QuarantinePosition? after, int limit, Func<QuarantinedFile, bool> match, int maxReads)
    {
        var locations = Locate();
        var ahead = (after is null ? locations : locations.Where(l => l.Position > after)).OrderBy(l => l.Position).ToList();
        var entries = new List<QuarantineEntry>();
        QuarantinePosition? examined = null;
        var next = 0;
        for (; next < ahead.Count && entries.Count < limit && next < maxReads; next++)
        {
            var (position, sidecar) = ahead[next];
            examined = position;
            if (TryRead(sidecar) is { } record && record.FileName == position.FileName && match(record))
            {
                entries.Add(new QuarantineEntry(position, record));
            }
        }

        return new QuarantineScan(entries, examined, More: next < ahead.Count, Total: locations.Count);
    }

    /// <summary>The quarantined files named <paramref name="fileName"/>: only their sidecars are read.</summary>
    public IReadOnlyList<QuarantinedFile> FindByName(string fileName) =>
        Locate().Where(l => l.Position.FileName == fileName)
            .Select(l => TryRead(l.SidecarPath))
            .OfType<QuarantinedFile>()
            .Where(r => r.FileName == fileName)
            .ToList();

    /// <summary>
    /// Every quarantined file's position and sidecar, from the folder's names: <c>&lt;name&gt;.json</c> at the top,
    /// <c>&lt;claim id&gt;/quarantine.json</c> beside the file in a claim folder. Only a claim folder whose file is gone
    /// (or holds more than one file) has its sidecar read, for the name. Hidden entries are nobody's sidecars.
    /// </summary>
    private List<(QuarantinePosition Position, string SidecarPath)> Locate()
    {
        var found = new List<(QuarantinePosition, string)>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return found;
        }

        var hostId = identity.Value.HostId;
        foreach (var (name, isDirectory) in Entries(Directory))
        {
            if (name.StartsWith('.'))
            {
                continue;
            }

            if (!isDirectory)
            {
                if (name.Length > SidecarSuffix.Length && name.EndsWith(SidecarSuffix, StringComparison.Ordinal))
                {
                    found.Add((new QuarantinePosition(name[..^SidecarSuffix.Length], hostId, string.Empty), Path.Combine(Directory, name)));
                }

                continue;
            }

            var folder = Path.Combine(Directory, name);
            foreach (var (entry, _) in Entries(folder).Where(e => !e.IsDirectory && !e.Name.StartsWith('.') && e.Name.EndsWith(SidecarSuffix, StringComparison.Ordinal)))
            {
                // A sidecar named by hash (a long name) or an earlier version's quarantine.json is read for the name.
                var sidecar = Path.Combine(folder, entry);
                var fileName = entry.StartsWith(LongNameSidecarPrefix, StringComparison.Ordinal) ? TryRead(sidecar)?.FileName : entry[..^SidecarSuffix.Length];
                if (fileName is not null)
                {
                    found.Add((new QuarantinePosition(fileName, hostId, name), sidecar));
                }
            }
        }

        return found;
    }

    /// <summary>A folder's entries by name, files told from folders without a stat each.</summary>
    private static IEnumerable<(string Name, bool IsDirectory)> Entries(string folder)
    {
        try
        {
            return new FileSystemEnumerable<(string, bool)>(folder, (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory)).ToList();
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return []; // a claim folder released while we looked
        }
    }
}
