using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Grains.Options;
using CollectorLb.Grains.Spool;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Paths;

namespace CollectorLb.UnitTests.Grains.Spool;

public sealed class QuarantineStorePagingTests : IDisposable
{
    private const string HostId = "host-a";
    private readonly TempDirectory _directory = new("quarantine-pages");
    private readonly QuarantineStore _store;
    private int _claims;

    public QuarantineStorePagingTests()
    {
        _store = new QuarantineStore(Microsoft.Extensions.Options.Options.Create(new SpoolOptions { FlowDirectory = _directory.Path }), Microsoft.Extensions.Options.Options.Create(new HostIdentityOptions { HostId = HostId }), new NoCrashPoints());
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Scan_WalkedWithItsCursor_VisitsEveryFileOnceInFileNameThenSlotOrder()
    {
        var keys = new List<FileKey>();
        foreach (var i in new[] { 7, 3, 11, 0, 5 })
        {
            keys.Add(Quarantine($"nfcapd.2026112704{i:D2}", "not an nfcapd file"));
        }

        keys.Add(Quarantine("nfcapd.202611270403", "the same name again"));           // a claim folder
        keys.Add(Quarantine("nfcapd.202611270403", "and a third time"));              // another one
        keys.Add(Quarantine(new string('n', 252), "a name too long for a sidecar"));  // a claim folder too
        keys.Add(Quarantine("nfcapd.202611270409", "gone before it could be moved", vanish: true));
        keys.Add(Quarantine("nfcapd.202611270409", "gone, and its name taken", vanish: true)); // a claim folder without its file

        foreach (var limit in new[] { 1, 3, 4, keys.Count, 100 })
        {
            var seen = Walk(limit, reason: null, maxReads: 1000);

            Assert.Equal(keys.Select(k => k.ToString()).Order(StringComparer.Ordinal), seen.Select(e => e.File.Key).Order(StringComparer.Ordinal));
            Assert.Equal(seen.Select(e => e.Position).Order(), seen.Select(e => e.Position));
            Assert.Equal(seen.Count, seen.Select(e => e.Position).Distinct().Count());
        }

        var positions = Walk(100, reason: null, maxReads: 1000).Select(e => e.Position).ToList();
        var twice = positions.Where(p => p.FileName == "nfcapd.202611270403").ToList();
        Assert.Equal(3, twice.Count);
        Assert.Equal(string.Empty, twice[0].Slot); // the first of a name is quarantined under its own name, so it sorts first
        Assert.All(positions, p => Assert.Equal(HostId, p.HostId));
    }

    [Fact]
    public void Scan_WithAReasonAndFewReads_StopsEarlyWithItsCursor_AndTheWalkFindsEachMatchOnce()
    {
        var matching = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var key = Quarantine($"nfcapd.20261127{i:D4}", i % 4 == 0 ? "empty file (0 bytes)" : "not an nfcapd file: magic 0x6968");
            if (i % 4 == 0)
            {
                matching.Add(key.ToString());
            }
        }

        var first = _store.Scan(null, 100, f => QuarantineReason.Matches(f, "EMPTY"), maxReads: 5);
        Assert.True(first.More);
        Assert.Equal(2, first.Entries.Count); // files 0 and 4 among the first five read
        Assert.Equal(30, first.Total);

        var seen = Walk(100, "Empty FILE", maxReads: 5);
        Assert.Equal(matching, seen.Select(e => e.File.Key));
    }

    [Fact]
    public async Task Scan_ReadsOnlyThePagesSidecars_ASidecarPastThePageThatWouldBlockAReaderIsNotOpened()
    {
        for (var i = 0; i < 5; i++)
        {
            Quarantine($"nfcapd.2026112704{i:D2}", "not an nfcapd file");
        }

        // A named pipe where a later sidecar would be: opening it to read waits for a writer.
        var pipe = Path.Combine(_store.Directory, "nfcapd.202611279999.json");
        HostileEntries.MakeFifo(pipe);

        QuarantineScan scan;
        try
        {
            scan = await Task.Run(() => _store.Scan(null, 3, _ => true, maxReads: 1000)).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            await File.WriteAllTextAsync(pipe, "{}"); // lets the reader go
            throw new Xunit.Sdk.XunitException("the scan opened a sidecar past its page of 3");
        }

        Assert.Equal(3, scan.Entries.Count);
        Assert.True(scan.More);
        Assert.Equal(6, scan.Total); // counted from names: the pipe too
    }

    [Fact]
    public void FindByName_ReadsThatNamesSidecarsOnly_AndFindsEveryClaimOfIt()
    {
        var first = Quarantine("nfcapd.202611270440", "one");
        var second = Quarantine("nfcapd.202611270440", "two");
        Quarantine("nfcapd.202611270445", "other");

        var found = _store.FindByName("nfcapd.202611270440");

        Assert.Equal(new[] { first.ToString(), second.ToString() }.Order(StringComparer.Ordinal), found.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Empty(_store.FindByName("nfcapd.209901010000"));
    }

    private List<QuarantineEntry> Walk(int limit, string? reason, int maxReads)
    {
        var seen = new List<QuarantineEntry>();
        QuarantinePosition? after = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var scan = _store.Scan(after, limit, f => QuarantineReason.Matches(f, reason), maxReads);
            seen.AddRange(scan.Entries);
            if (!scan.More)
            {
                return seen;
            }

            after = scan.ExaminedUpTo;
        }

        throw new InvalidOperationException("the walk did not end");
    }

    private FileKey Quarantine(string name, string reason, bool vanish = false)
    {
        var key = new FileKey(HostId, $"20261127T0440000{_claims++:D2}-1", name);
        var staging = _directory.Combine($"staging-{_claims}");
        if (!vanish)
        {
            File.WriteAllBytes(staging, [1, 2, 3]);
        }

        _store.Add(key, staging, new QuarantinedFile { Key = key.ToString(), FileName = name, HostId = HostId, Reason = reason });
        return key;
    }
}
