using CollectorLb.Grains.Spool;

namespace CollectorLb.UnitTests.Grains.Spool;

public class SafePathTests
{
    [Fact]
    public void Under_PlainNames_JoinsThemUnderTheRoot()
    {
        Assert.Equal("/srv/flows/.inflight/c-1/nfcapd.1", SafePath.Under("/srv/flows/.inflight", "c-1", "nfcapd.1"));
        Assert.Equal("/srv/q/name with\nnewline", SafePath.Under("/srv/q/", "name with\nnewline"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("/etc/passwd")]
    [InlineData("nul\0")]
    public void Under_NameThatLeadsElsewhere_IsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => SafePath.Under("/srv/flows/.inflight", "c-1", name));
        Assert.Throws<ArgumentException>(() => SafePath.Under("/srv/flows/.inflight", name, "nfcapd.1"));
    }
}
