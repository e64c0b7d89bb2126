using CollectorLb.Silo.Watching;

namespace CollectorLb.UnitTests.Silo.Watching;

public class UnclaimableEntriesTests
{
    [Fact]
    public void Add_SameEntryAgain_IsNewOnlyOnce()
    {
        var entries = new UnclaimableEntries();

        Assert.True(entries.Add("nfcapd.1", "immutable"));
        Assert.False(entries.Add("nfcapd.1", "immutable"));

        Assert.Equal(1, entries.Count);
    }

    [Fact]
    public void KeepOnly_EntriesNoLongerListed_AreForgotten()
    {
        var entries = new UnclaimableEntries();
        entries.Add("nfcapd.2", "b");
        entries.Add("nfcapd.1", "a");
        entries.Add("nfcapd.3", "c");

        entries.KeepOnly(new HashSet<string> { "nfcapd.1", "nfcapd.2", "other" });

        Assert.Equal([new UnclaimableEntry("nfcapd.1", "a"), new UnclaimableEntry("nfcapd.2", "b")], entries.Take(10));
        Assert.True(entries.Remove("nfcapd.1"));
        Assert.False(entries.Remove("nfcapd.1"));
        Assert.Equal([new UnclaimableEntry("nfcapd.2", "b")], entries.Take(1));
    }
}
