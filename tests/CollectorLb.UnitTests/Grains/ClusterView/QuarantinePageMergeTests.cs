using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.ClusterView;

namespace CollectorLb.UnitTests.Grains.ClusterView;

public class QuarantinePageMergeTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(3, 1000)]
    [InlineData(7, 4)]
    [InlineData(50, 5)]
    [InlineData(1000, 1000)]
    public void WalkingNextCursors_ThreeHostsWithOverlappingNames_VisitsEveryFileOnceInOrder(int limit, int maxReads)
    {
        var random = new Random(limit * 31 + maxReads);
        var hosts = new[] { "host-a", "host-b", "host-c" }.ToDictionary(h => h, h => Files(h, random.Next(0, 60), random));
        var expected = hosts.Values.SelectMany(f => f).Order().ToList();

        var seen = Walk(hosts, limit, maxReads, _ => true);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public void WalkingNextCursors_WithAFilterThatSkipsMost_FindsEveryMatchOnce_ThroughShortAndEmptyPages()
    {
        var random = new Random(5);
        var hosts = new[] { "host-a", "host-b" }.ToDictionary(h => h, h => Files(h, 80, random));
        bool Match(QuarantinePosition p) => p.FileName.EndsWith('7');

        var seen = Walk(hosts, limit: 5, maxReads: 6, Match);

        Assert.Equal(hosts.Values.SelectMany(f => f).Where(Match).Order(), seen);
    }

    [Fact]
    public void Merge_NothingQuarantined_IsOneEmptyPageWithoutNext()
    {
        var page = QuarantinePageMerge.Merge([new HostQuarantinePage { HostId = "host-a" }], 100, []);

        Assert.Empty(page.Items);
        Assert.Null(page.Next);
        Assert.Equal(0, page.Total);
    }

    private static List<QuarantinePosition> Walk(Dictionary<string, List<QuarantinePosition>> hosts, int limit, int maxReads, Func<QuarantinePosition, bool> match)
    {
        var seen = new List<QuarantinePosition>();
        string? cursor = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var after = cursor is null ? null : QuarantinePosition.FromCursor(cursor, out _);
            var page = QuarantinePageMerge.Merge(hosts.Select(h => HostPage(h.Key, h.Value, after, limit, maxReads, match)).ToList(), limit, []);
            Assert.True(page.Items.Count <= limit);
            seen.AddRange(page.Items.Select(PositionOf));
            cursor = page.Next;
            if (cursor is null)
            {
                return seen;
            }
        }

        throw new InvalidOperationException("the walk did not end");
    }

    /// <summary>What a host's scan answers: its files after the cursor in order, stopping at the limit or the reads.</summary>
    private static HostQuarantinePage HostPage(string host, List<QuarantinePosition> files, QuarantinePosition? after, int limit, int maxReads, Func<QuarantinePosition, bool> match)
    {
        var ahead = files.Where(f => after is null || f > after).Order().ToList();
        var entries = new List<QuarantineEntry>();
        QuarantinePosition? examined = null;
        var next = 0;
        for (; next < ahead.Count && entries.Count < limit && next < maxReads; next++)
        {
            examined = ahead[next];
            if (match(ahead[next]))
            {
                entries.Add(new QuarantineEntry(ahead[next], File(ahead[next])));
            }
        }

        return new HostQuarantinePage { HostId = host, Entries = entries, ExaminedUpTo = examined, More = next < ahead.Count, Total = files.Count };
    }

    /// <summary>Names drawn from a small set, so hosts share names and a name comes back in claim folders.</summary>
    private static List<QuarantinePosition> Files(string host, int count, Random random) =>
        Enumerable.Range(0, count)
            .Select(i => new QuarantinePosition($"nfcapd.2026112704{random.Next(0, 40):D2}", host, random.Next(0, 3) == 0 ? string.Empty : $"claim-{i}"))
            .DistinctBy(p => (p.FileName, p.Slot == string.Empty ? string.Empty : p.Slot))
            .ToList();

    private static QuarantinedFile File(QuarantinePosition p) =>
        new() { Key = $"{p.HostId}/{p.Slot}/{p.FileName}", FileName = p.FileName, HostId = p.HostId, Reason = p.Slot };

    private static QuarantinePosition PositionOf(QuarantinedFile f) => new(f.FileName, f.HostId, f.Reason);
}
