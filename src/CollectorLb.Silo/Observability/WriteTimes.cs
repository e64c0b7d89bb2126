namespace CollectorLb.Silo.Observability;

/// <summary>
/// When each listed file was last written, remembered from one listing to the next: a flow file waiting or claimed
/// is not written again, so only files new to a listing cost a stat. Files no longer listed are forgotten.
/// </summary>
internal sealed class WriteTimes
{
    private Dictionary<string, DateTimeOffset> _known = new(StringComparer.Ordinal);

    /// <summary>The oldest write time among <paramref name="paths"/> (one whole listing), or null when there is none.</summary>
    public DateTimeOffset? Oldest(IEnumerable<string> paths)
    {
        var listed = new Dictionary<string, DateTimeOffset>(_known.Count, StringComparer.Ordinal);
        DateTimeOffset? oldest = null;
        foreach (var path in paths)
        {
            if (!_known.TryGetValue(path, out var written))
            {
                var file = new FileInfo(path);
                if (!file.Exists)
                {
                    continue; // delivered or claimed between the listing and now
                }

                written = file.LastWriteTimeUtc;
            }

            listed[path] = written;
            oldest = oldest is { } o && o <= written ? o : written;
        }

        _known = listed;
        return oldest;
    }
}
