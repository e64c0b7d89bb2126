namespace CollectorLb.DevServices.Registry;

/// <summary>The registry's name -> base URL map, kept in registration order for round-robin.</summary>
internal sealed class RegistryTable
{
    private readonly Lock _lock = new();
    private readonly OrderedDictionary<string, string> _entries = new(StringComparer.Ordinal);
    private int _next;

    public void Set(string name, string url)
    {
        lock (_lock)
        {
            _entries[name] = url;
        }
    }

    public bool Remove(string name)
    {
        lock (_lock)
        {
            return _entries.Remove(name);
        }
    }

    /// <summary>Removes <paramref name="name"/> only if it still points at <paramref name="url"/>, so a ping
    /// that raced with a re-registration does not drop the fresh entry.</summary>
    public bool RemoveIfUnchanged(string name, string url)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(name, out var current) && string.Equals(current, url, StringComparison.Ordinal))
            {
                return _entries.Remove(name);
            }

            return false;
        }
    }

    public bool TryNext(out string name, out string url)
    {
        lock (_lock)
        {
            if (_entries.Count == 0)
            {
                name = string.Empty;
                url = string.Empty;
                return false;
            }

            var index = _next % _entries.Count;
            _next = index + 1;
            (name, url) = _entries.GetAt(index);
            return true;
        }
    }

    public KeyValuePair<string, string>[] Entries()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }

    /// <summary>A copy in registration order (a fresh Dictionary without removals enumerates in insertion order).</summary>
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        lock (_lock)
        {
            var copy = new Dictionary<string, string>(_entries.Count, StringComparer.Ordinal);
            foreach (var (name, url) in _entries)
            {
                copy.Add(name, url);
            }

            return copy.AsReadOnly();
        }
    }
}
