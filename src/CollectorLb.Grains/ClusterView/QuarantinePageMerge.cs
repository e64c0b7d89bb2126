using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Quarantine;

namespace CollectorLb.Grains.ClusterView;

/// <summary>Merges hosts' parts of a quarantine page into one page in <see cref="QuarantinePosition"/> order, with the cursor of the next.</summary>
internal static class QuarantinePageMerge
{
    public static QuarantinePage Merge(IReadOnlyList<HostQuarantinePage> pages, int limit, IReadOnlyList<UnreachableHost> unreachable)
    {
        // A host that stopped early (at its limit, or at its bound of sidecar reads) has said nothing about files past
        // the point it reached: nothing past the lowest such point may be listed yet, or one of its files could be skipped.
        var frontier = pages.Where(p => p.More && p.ExaminedUpTo is not null).Select(p => p.ExaminedUpTo!).Min();
        var candidates = pages.SelectMany(p => p.Entries)
            .Where(e => frontier is null || e.Position <= frontier)
            .OrderBy(e => e.Position)
            .ToList();
        var items = candidates.Take(limit).ToList();
        var next = items.Count == limit && (candidates.Count > limit || frontier is not null) ? items[^1].Position
            : items.Count < limit ? frontier
            : null;
        return new QuarantinePage
        {
            Items = items.Select(e => e.File).ToList(),
            Next = next?.ToCursor(),
            Total = pages.Sum(p => p.Total),
            Hosts = pages.Select(p => new HostQuarantineCount(p.HostId, p.Total)).OrderBy(h => h.HostId, StringComparer.Ordinal).ToList(),
            Unreachable = unreachable,
        };
    }
}
