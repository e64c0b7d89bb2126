using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Placement;

namespace CollectorLb.UnitTests.Grains.Placement;

public class HostAffineKeyTests
{
    [Theory]
    [InlineData("host-a/20261127T0440-1/nfcapd.202611270440", "host-a")]
    [InlineData("host-a/1/name/with/slashes", "host-a")]
    [InlineData("node-7.example", "node-7.example")]
    [InlineData("", "")]
    public void HostOf_KeyWithOrWithoutSlash_IsThePartBeforeTheFirstSlash(string key, string expected)
    {
        Assert.Equal(expected, HostAffineKey.HostOf(key));
    }

    [Fact]
    public void HostOf_FileKey_IsItsHostId()
    {
        var key = new FileKey("collector-3", "20261127T044000-42", "nfcapd.202611270440");

        Assert.Equal(key.HostId, HostAffineKey.HostOf(key.ToString()));
    }
}
