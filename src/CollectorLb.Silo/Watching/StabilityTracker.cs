using CollectorLb.Grains.Interop;

namespace CollectorLb.Silo.Watching;

/// <summary>
/// Decides when a file that was not renamed into place is complete: when its size and modification time
/// have not changed for <paramref name="stableFor"/>, or it was last modified longer ago than that.
/// </summary>
internal sealed class StabilityTracker(TimeSpan stableFor, TimeProvider timeProvider)
{
    private readonly Dictionary<string, Observation> _pending = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> PendingPaths => _pending.Keys;

    /// <summary>Records what the entry looks like now; true when it is complete.</summary>
    public bool IsStable(string path, UnixFileInfo info)
    {
        var now = timeProvider.GetUtcNow();
        if (now - info.ModifiedAt >= stableFor)
        {
            _pending.Remove(path);
            return true;
        }

        if (_pending.TryGetValue(path, out var seen) && seen.Size == info.Size && seen.ModifiedAt == info.ModifiedAt)
        {
            if (now - seen.Since >= stableFor)
            {
                _pending.Remove(path);
                return true;
            }

            return false;
        }

        _pending[path] = new Observation(info.Size, info.ModifiedAt, now);
        return false;
    }

    public void Forget(string path) => _pending.Remove(path);

    private readonly record struct Observation(long Size, DateTimeOffset ModifiedAt, DateTimeOffset Since);
}
