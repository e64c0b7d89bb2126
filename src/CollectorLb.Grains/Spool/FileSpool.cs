using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Options;
using Microsoft.Extensions.Options;

namespace CollectorLb.Grains.Spool;

/// <summary>
/// This host's flow files on disk. A completed file is claimed by renaming it into
/// <c>&lt;flow dir&gt;/.inflight/&lt;claim id&gt;/&lt;name&gt;</c> (same filesystem, so atomic): from then on nfcapd
/// can write a new file of the same name without touching it, and the name is kept whole (255-byte names fit).
/// </summary>
public sealed class FileSpool(IOptions<SpoolOptions> options, TimeProvider timeProvider)
{
    public const string InflightFolderName = ".inflight";

    /// <summary>Left in a claim folder when an upload starts: after a crash it says the connector may already have the file.</summary>
    private const string AttemptMarkerName = ".attempted";

    private readonly SpoolOptions _options = options.Value;
    private long _claimSequence;
    private int _claimed;

    /// <summary>Raised when a claimed file leaves the spool (delivered or quarantined): room for another claim.</summary>
    public event Action? ClaimReleased;

    /// <summary>Files claimed and not yet delivered or quarantined; bounds how many grains are busy at once.</summary>
    public int ClaimedCount => Volatile.Read(ref _claimed);

    public string HostId => _options.HostId;

    public string FlowDirectory => _options.FlowDirectoryFullPath;

    public string InflightDirectory => Path.Combine(FlowDirectory, InflightFolderName);

    /// <summary>Creates the flow and spool directories when missing.</summary>
    public void EnsureDirectories()
    {
        Directory.CreateDirectory(FlowDirectory);
        Directory.CreateDirectory(InflightDirectory);
    }

    /// <summary>
    /// Claims the file at <paramref name="path"/> (in the flow directory). Returns null when it is gone already:
    /// claimed by an earlier report, or removed by someone else.
    /// </summary>
    public FileKey? TryClaim(string path)
    {
        var fileName = Path.GetFileName(path);
        string claimId, claimDirectory;
        do
        {
            claimId = NewClaimId();
            claimDirectory = Path.Combine(InflightDirectory, claimId);
        }
        while (Directory.Exists(claimDirectory));

        Directory.CreateDirectory(claimDirectory);
        try
        {
            File.Move(path, Path.Combine(claimDirectory, fileName));
            Interlocked.Increment(ref _claimed);
            return new FileKey(HostId, claimId, fileName);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            Directory.Delete(claimDirectory);
            return null;
        }
        catch
        {
            Directory.Delete(claimDirectory);
            throw;
        }
    }

    /// <summary>Where a claimed file is. Only this host's files can be found here.</summary>
    public string PathOf(FileKey key)
    {
        if (key.HostId != HostId)
        {
            throw new InvalidOperationException($"File {key} belongs to host '{key.HostId}', not to this host '{HostId}'.");
        }

        return Path.Combine(InflightDirectory, key.ClaimId, key.FileName);
    }

    /// <summary>Claimed files left from before (a restart, a crash), counted as claimed: each must go back to its grain.</summary>
    public IReadOnlyList<FileKey> RecoverClaims()
    {
        var claims = EnumerateClaimed().ToList();
        Volatile.Write(ref _claimed, claims.Count);
        return claims;
    }

    public IEnumerable<FileKey> EnumerateClaimed()
    {
        if (!Directory.Exists(InflightDirectory))
        {
            yield break;
        }

        foreach (var claimDirectory in Directory.EnumerateDirectories(InflightDirectory))
        {
            var claimId = Path.GetFileName(claimDirectory);
            var files = Directory.GetFiles(claimDirectory);
            if (!files.Any(f => !Path.GetFileName(f).StartsWith('.')))
            {
                TryRemoveDirectory(claimDirectory);
                continue;
            }

            foreach (var file in files.Where(f => !Path.GetFileName(f).StartsWith('.')))
            {
                yield return new FileKey(HostId, claimId, Path.GetFileName(file));
            }
        }
    }

    /// <summary>Records that an upload of the file starts.</summary>
    public void MarkAttempted(FileKey key) =>
        File.Create(Path.Combine(ClaimDirectoryOf(key), AttemptMarkerName)).Dispose();

    /// <summary>True when an earlier run started uploading this file: its outcome may have been lost.</summary>
    public bool WasAttempted(FileKey key) => File.Exists(Path.Combine(ClaimDirectoryOf(key), AttemptMarkerName));

    /// <summary>Removes an acknowledged file and its claim folder. Idempotent.</summary>
    public void Delete(FileKey key)
    {
        File.Delete(PathOf(key));
        RemoveClaim(key);
    }

    /// <summary>Removes what is left of a claim once its file has gone elsewhere (deleted or quarantined).</summary>
    public void RemoveClaim(FileKey key)
    {
        var claimDirectory = ClaimDirectoryOf(key);
        File.Delete(Path.Combine(claimDirectory, AttemptMarkerName));
        if (TryRemoveDirectory(claimDirectory))
        {
            Interlocked.Decrement(ref _claimed);
            ClaimReleased?.Invoke();
        }
    }

    private string ClaimDirectoryOf(FileKey key) => Path.GetDirectoryName(PathOf(key))!;

    private static bool TryRemoveDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not empty or gone already: either way nothing of ours to remove.
            return false;
        }
    }

    /// <summary>Sortable by claim time; the sequence separates claims within one millisecond.</summary>
    private string NewClaimId()
    {
        var sequence = Interlocked.Increment(ref _claimSequence);
        return $"{timeProvider.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{sequence}";
    }
}
