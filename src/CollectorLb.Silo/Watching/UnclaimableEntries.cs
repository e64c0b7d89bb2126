using System.Collections.Concurrent;

namespace CollectorLb.Silo.Watching;

/// <summary>
/// Entries of the flow directory that look like flow files but cannot be claimed (an immutable file, someone
/// else's file in a sticky directory, a name that is not UTF-8), with the reason. They stay where they are and are
/// never sent; the set says which they are, for the log (once per entry), the gauge and <c>/readyz</c>'s details.
/// An entry leaves it when it is claimed after all or is no longer there.
/// </summary>
internal sealed class UnclaimableEntries
{
    private readonly ConcurrentDictionary<string, string> _reasons = new(StringComparer.Ordinal);

    public int Count => _reasons.Count;

    /// <summary>Records the entry; true the first time (the one time it is worth a log line).</summary>
    public bool Add(string name, string reason) => _reasons.TryAdd(name, reason);

    /// <summary>The entry was claimed or went away; true when it was in the set.</summary>
    public bool Remove(string name) => _reasons.TryRemove(name, out _);

    /// <summary>Forgets every entry a complete listing no longer has.</summary>
    public void KeepOnly(IReadOnlySet<string> listed)
    {
        foreach (var name in _reasons.Keys)
        {
            if (!listed.Contains(name))
            {
                _reasons.TryRemove(name, out _);
            }
        }
    }

    /// <summary>Up to <paramref name="max"/> entries by name, with their reasons.</summary>
    public IReadOnlyList<UnclaimableEntry> Take(int max) =>
        _reasons.OrderBy(e => e.Key, StringComparer.Ordinal).Take(max).Select(e => new UnclaimableEntry(e.Key, e.Value)).ToList();
}
