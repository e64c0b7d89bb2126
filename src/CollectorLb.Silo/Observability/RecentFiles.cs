using CollectorLb.Abstractions.Files;

namespace CollectorLb.Silo.Observability;

/// <summary>
/// The last <see cref="Capacity"/> files that changed on this silo, each with its latest snapshot (timeline
/// included). When full, the oldest finished file goes first, so files still in progress stay listed.
/// </summary>
internal sealed class RecentFiles
{
    public const int Capacity = 2000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<FileSnapshot>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<FileSnapshot> _inProgress = new();
    private readonly LinkedList<FileSnapshot> _finished = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    public void Record(FileSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_byKey.Remove(snapshot.Key, out var existing))
            {
                existing.List!.Remove(existing);
            }

            var list = snapshot.Status is FileStatus.Deleted or FileStatus.Quarantined ? _finished : _inProgress;
            _byKey[snapshot.Key] = list.AddFirst(snapshot);
            while (_byKey.Count > Capacity)
            {
                var oldest = _finished.Last ?? _inProgress.Last!;
                oldest.List!.Remove(oldest);
                _byKey.Remove(oldest.Value.Key);
            }
        }
    }

    /// <summary>Matching files, most recently changed first.</summary>
    public IReadOnlyList<FileSnapshot> Query(FileQuery query)
    {
        List<FileSnapshot> matching;
        lock (_lock)
        {
            matching = _inProgress.Concat(_finished).Where(query.Matches).ToList();
        }

        return matching
            .OrderByDescending(f => f.Timeline.LastChangeAt())
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();
    }
}
