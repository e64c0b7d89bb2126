using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Interop;
using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Spool;

/// <summary>
/// This host's flow files on disk. A completed file is claimed by renaming it into
/// <c>&lt;flow dir&gt;/.inflight/&lt;claim id&gt;/&lt;name&gt;</c> (same filesystem, so atomic): from then on nfcapd
/// can write a new file of the same name without touching it, and the name is kept whole (255-byte names fit).
/// Every path it builds from a key stays under the spool (<see cref="SafePath"/>), and only real directories
/// under <c>.inflight</c> are claim folders: a symbolic link planted there leads nowhere.
/// </summary>
public sealed class FileSpool(IOptions<SpoolOptions> options, IOptions<HostIdentityOptions> identity, TimeProvider timeProvider, IFileOpener opener, QuarantineStore quarantine)
{
    public const string InflightFolderName = ".inflight";

    /// <summary>Distinct names claimed into one folder before the next is started.</summary>
    public const int ClaimsPerFolder = 256;

    private readonly SpoolOptions _options = options.Value;
    private readonly AttemptMarker _attempts = new();

    private readonly Lock _claimLock = new();
    private readonly HashSet<string> _claimFolderNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _claimsPerFolder = new(StringComparer.Ordinal);
    private readonly HashSet<FileKey> _claims = [];
    private string? _claimFolder;
    private long _claimSequence;

    /// <summary>Raised when a claimed file leaves the spool (delivered or quarantined): room for another claim.</summary>
    public event Action? ClaimReleased;

    /// <summary>Files claimed and not yet delivered or quarantined; bounds how many grains are busy at once.</summary>
    public int ClaimedCount
    {
        get
        {
            lock (_claimLock)
            {
                return _claims.Count;
            }
        }
    }

    public string HostId { get; } = identity.Value.HostId;

    /// <summary>Where this host's files that must not be retried go.</summary>
    public QuarantineStore Quarantine => quarantine;

    /// <summary>True while the file is claimed by this process and not yet delivered or quarantined.</summary>
    public bool IsClaimed(FileKey key)
    {
        lock (_claimLock)
        {
            return _claims.Contains(key);
        }
    }

    public string FlowDirectory => _options.FlowDirectoryFullPath;

    public string InflightDirectory => Path.Combine(FlowDirectory, InflightFolderName);

    /// <summary>Creates the flow and spool directories when missing; refuses a spool that is not a real directory.</summary>
    public void EnsureDirectories()
    {
        Directory.CreateDirectory(FlowDirectory);
        if (UnixFileInfo.Read(InflightDirectory).Kind is not (UnixFileKind.Directory or UnixFileKind.Missing) and var kind)
        {
            // A link would take every claim (and every delete) wherever it points.
            throw new IOException($"'{InflightDirectory}' is a {kind}, not a directory: remove it, and the silo makes its spool there.");
        }

        Directory.CreateDirectory(InflightDirectory);
    }

    /// <summary>
    /// Claims the file at <paramref name="path"/> (in the flow directory) with one <c>rename(2)</c> that never
    /// replaces anything. Returns null when it is gone already: claimed by an earlier report, or removed by someone
    /// else. Claims share a folder, up to <see cref="ClaimsPerFolder"/> distinct names each, so most claims cost one
    /// rename and no new directory.
    /// </summary>
    /// <exception cref="IOException">The file cannot be moved (EPERM for an immutable file or someone else's in a
    /// sticky directory, EACCES...; HResult is the errno). It stays where it is, unclaimed, and is never sent.</exception>
    public FileKey? TryClaim(string path)
    {
        var fileName = Path.GetFileName(path);
        lock (_claimLock)
        {
            if (_claimFolder is null || _claimFolderNames.Count >= ClaimsPerFolder || _claimFolderNames.Contains(fileName))
            {
                StartClaimFolder();
            }

            for (var attempt = 0; ; attempt++)
            {
                var key = new FileKey(HostId, _claimFolder!, fileName);
                try
                {
                    UnixRename.Move(path, PathOf(key));
                    _claimFolderNames.Add(fileName);
                    AddClaim(key);
                    return key;
                }
                catch (IOException ex) when (attempt == 0 && (UnixErrors.Is(ex, Errno.Eexist)
                    || (ex is FileNotFoundException && UnixFileInfo.Read(Path.Combine(InflightDirectory, key.ClaimId)).Kind != UnixFileKind.Directory)))
                {
                    // The name is taken in this folder (not by us), or someone removed the folder (an operator clearing
                    // the spool; this process keeps the current one): a fresh folder, and one more try.
                    StartClaimFolder();
                }
                catch (FileNotFoundException)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>Where a claimed file is: always under the spool. Only this host's files can be found here.</summary>
    public string PathOf(FileKey key)
    {
        if (key.HostId != HostId)
        {
            throw new InvalidOperationException($"File {key} belongs to host '{key.HostId}', not to this host '{HostId}'.");
        }

        return SafePath.Under(InflightDirectory, key.ClaimId, key.FileName);
    }

    /// <summary>
    /// True when the key's file is in the spool: a regular file in a real claim folder (links not followed). For
    /// keys this process did not claim itself, such as a report after a restart, or a key a client made up.
    /// </summary>
    public bool IsOnDisk(FileKey key) =>
        UnixFileInfo.Read(Path.GetDirectoryName(PathOf(key))!).Kind == UnixFileKind.Directory
        && UnixFileInfo.Read(PathOf(key)).Kind == UnixFileKind.Regular;

    /// <summary>Claimed files left from before (a restart, a crash), counted as claimed: each must go back to its grain.</summary>
    public IReadOnlyList<FileKey> RecoverClaims()
    {
        var claims = EnumerateClaimed().ToList();
        lock (_claimLock)
        {
            _claimsPerFolder.Clear();
            _claims.Clear();
            foreach (var claim in claims)
            {
                AddClaim(claim);
            }
        }

        return claims;
    }

    /// <summary>
    /// The claimed files on disk: regular files in real directories under <c>.inflight</c>. Links, FIFOs and names
    /// this process could not have made (not UTF-8, control characters in a folder's name) are passed over, and a
    /// folder that cannot be read is skipped, not the whole listing.
    /// </summary>
    public IEnumerable<FileKey> EnumerateClaimed()
    {
        if (UnixFileInfo.Read(InflightDirectory).Kind != UnixFileKind.Directory)
        {
            yield break;
        }

        foreach (var folder in UnixDirectory.List(InflightDirectory))
        {
            var claimDirectory = Path.Combine(InflightDirectory, folder.Name);
            if (!folder.NameIsUtf8 || FileKey.FindClaimIdProblem(folder.Name) is not null || KindOf(folder, claimDirectory) != UnixFileKind.Directory)
            {
                continue;
            }

            List<DirectoryEntry> entries;
            try
            {
                entries = UnixDirectory.List(claimDirectory);
            }
            catch (IOException)
            {
                continue; // removed meanwhile (a grain emptied it), or unreadable: the next listing looks again
            }

            if (entries.Exists(e => AttemptMarker.IsMarkerFileName(e.Name)))
            {
                _attempts.NoteMarkerFileFound();
            }

            // Hidden entries are attempt markers, not claimed files.
            var fileNames = entries
                .Where(e => e.NameIsUtf8 && !e.Name.StartsWith('.') && KindOf(e, Path.Combine(claimDirectory, e.Name)) == UnixFileKind.Regular)
                .Select(e => e.Name)
                .ToList();
            if (fileNames.Count == 0)
            {
                if (entries.Count == 0)
                {
                    RemoveEmptyClaimFolder(claimDirectory, folder.Name);
                }

                continue;
            }

            foreach (var fileName in fileNames)
            {
                yield return new FileKey(HostId, folder.Name, fileName);
            }
        }
    }

    /// <summary>The entry's type as listed, or read when the filesystem did not say; Missing when it went meanwhile.</summary>
    private static UnixFileKind KindOf(DirectoryEntry entry, string path)
    {
        try
        {
            return entry.Kind ?? UnixFileInfo.Read(path).Kind;
        }
        catch (IOException)
        {
            return UnixFileKind.Missing;
        }
    }

    /// <summary>An empty claim folder left over (emptied before a restart, or by someone else) goes; the one claims go into now stays.</summary>
    private void RemoveEmptyClaimFolder(string claimDirectory, string claimId)
    {
        lock (_claimLock)
        {
            if (!string.Equals(claimId, _claimFolder, StringComparison.Ordinal))
            {
                TryRemoveDirectory(claimDirectory);
            }
        }
    }

    /// <summary>
    /// Opens a claimed file for reading through the opener: no link followed, never blocking; an
    /// <see cref="IOException"/> carries the errno.
    /// </summary>
    public FileStream OpenRead(FileKey key) => opener.OpenRead(PathOf(key));

    /// <summary>Records that an upload of the file starts.</summary>
    public void MarkAttempted(FileKey key) => _attempts.Mark(PathOf(key));

    /// <summary>True when an earlier run started uploading this file: its outcome may have been lost.</summary>
    public bool WasAttempted(FileKey key) => _attempts.IsMarked(PathOf(key));



    /// <summary>
    /// Removes an acknowledged file and ends its claim, also when someone else removed the file during its upload.
    /// Idempotent (a delete redone after a crash changes nothing).
    /// </summary>
    public void Delete(FileKey key)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path); // no error when the file is gone already
        }
        catch (DirectoryNotFoundException)
        {
            // Its claim folder went with an earlier delete of the same file.
        }

        RemoveClaim(key);
    }

    /// <summary>Ends a claim once its file has gone elsewhere (deleted or quarantined); an emptied folder goes too. Once per claim.</summary>
    public void RemoveClaim(FileKey key)
    {
        var path = PathOf(key);
        _attempts.Clear(path);
        lock (_claimLock)
        {
            if (!_claims.Remove(key))
            {
                return; // ended already
            }

            // Counted, not tried: an rmdir of a folder still in use fails, and .NET makes every failure an exception.
            var left = _claimsPerFolder.GetValueOrDefault(key.ClaimId) - 1;
            if (left > 0)
            {
                _claimsPerFolder[key.ClaimId] = left;
            }
            else
            {
                _claimsPerFolder.Remove(key.ClaimId);
                if (!string.Equals(key.ClaimId, _claimFolder, StringComparison.Ordinal))
                {
                    TryRemoveDirectory(Path.GetDirectoryName(path)!);
                }
            }
        }

        ClaimReleased?.Invoke();
    }

    /// <summary>
    /// Moves a file back to its place in the spool (a requeue from quarantine) and claims it again, as
    /// <see cref="RemoveClaim"/> ended its claim. Under the claim lock, so a rescan cannot prune the folder between
    /// its creation and the move.
    /// </summary>
    public void Restore(FileKey key, string from)
    {
        var target = PathOf(key);
        lock (_claimLock)
        {
            var folder = Path.GetDirectoryName(target)!;
            if (UnixFileInfo.Read(folder).Kind is not (UnixFileKind.Directory or UnixFileKind.Missing) and var kind)
            {
                throw new IOException($"cannot restore {key.FileName}: '{folder}' is a {kind}, not a claim folder.");
            }

            Directory.CreateDirectory(folder);
            UnixRename.MoveAnywhere(from, target);
            AddClaim(key);
        }
    }

    /// <summary>Counts a claim once, and in its folder (under the claim lock).</summary>
    private void AddClaim(FileKey key)
    {
        if (_claims.Add(key))
        {
            _claimsPerFolder[key.ClaimId] = _claimsPerFolder.GetValueOrDefault(key.ClaimId) + 1;
        }
    }

    private void StartClaimFolder()
    {
        if (_claimFolder is not null && !_claimsPerFolder.ContainsKey(_claimFolder))
        {
            TryRemoveDirectory(Path.Combine(InflightDirectory, _claimFolder));
        }

        string claimId;
        do
        {
            claimId = NewClaimId();
        }
        while (Directory.Exists(Path.Combine(InflightDirectory, claimId)));

        Directory.CreateDirectory(Path.Combine(InflightDirectory, claimId));
        _claimFolderNames.Clear();
        Volatile.Write(ref _claimFolder, claimId);
    }


    private static void TryRemoveDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not empty or gone already: either way nothing of ours to remove.
        }
    }

    /// <summary>Sortable by claim time; the sequence separates claims within one millisecond.</summary>
    private string NewClaimId()
    {
        var sequence = Interlocked.Increment(ref _claimSequence);
        return $"{timeProvider.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{sequence}";
    }
}
