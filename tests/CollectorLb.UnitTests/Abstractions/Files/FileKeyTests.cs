using CollectorLb.Abstractions.Files;

namespace CollectorLb.UnitTests.Abstractions.Files;

public class FileKeyTests
{
    [Theory]
    [InlineData("nfcapd.202611270440")]
    [InlineData("name with spaces and 'quotes' and \"doubles\"")]
    [InlineData("$(rm -rf ~) `id` ; | &")]
    [InlineData("line\nbreak")]
    [InlineData("tab\tand\rreturn")]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("ünïcødé-流量-📈")]
    public void Parse_KeyOfAnyFileName_RoundTrips(string fileName)
    {
        var key = new FileKey("host-a", "20261127T044000123-1", fileName);

        var parsed = FileKey.Parse(key.ToString());

        Assert.Equal(key, parsed);
    }

    [Fact]
    public void Parse_LongestFileName_RoundTrips()
    {
        var key = new FileKey("h", "c", new string('n', 255));

        Assert.Equal(key, FileKey.Parse(key.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("host")]
    [InlineData("host/claim")]
    [InlineData("host/claim/")]
    [InlineData("/claim/name")]
    [InlineData("host//name")]
    public void Parse_MalformedKey_ThrowsFormatException(string key)
    {
        Assert.Throws<FormatException>(() => FileKey.Parse(key));
    }

    [Theory]
    [InlineData("host-a/x/../../etc/passwd")]
    [InlineData("host-a/../x/nfcapd.1")]
    [InlineData("host-a/./nfcapd.1")]
    [InlineData("host-a/x/..")]
    [InlineData("host-a/x/.")]
    [InlineData("host-a/x/nfcapd/../../../etc/shadow")]
    [InlineData("host-a/x/nfcapd.1\0")]
    [InlineData("host-a/x\0/nfcapd.1")]
    [InlineData("host-a/x\n/nfcapd.1")]
    [InlineData("host\u001b[31m/x/nfcapd.1")]
    [InlineData("../x/nfcapd.1")]
    public void Parse_ForgedKey_IsRefused(string key)
    {
        var refused = Assert.Throws<FormatException>(() => FileKey.Parse(key));

        Assert.DoesNotContain('\0', refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void Parse_NameWithAnUnpairedSurrogate_IsRefused()
    {
        // Written to disk it would become U+FFFD: another name than the key's.
        Assert.Throws<FormatException>(() => FileKey.Parse("host-a/x/nfcapd." + '\ud800'));
    }

    [Fact]
    public void Parse_NameLongerThanADirectoryEntry_IsRefused()
    {
        Assert.Throws<FormatException>(() => FileKey.Parse("h/c/" + new string('n', 256)));
        Assert.Throws<FormatException>(() => FileKey.Parse("h/c/" + string.Concat(Enumerable.Repeat("流", 86))));
    }

    [Fact]
    public void Parse_HostIdLongerThanTheSettingAllows_IsRefused()
    {
        Assert.Equal(FileKey.MaxHostIdLength, FileKey.Parse(new string('h', FileKey.MaxHostIdLength) + "/c/nfcapd.1").HostId.Length);
        var refused = Assert.Throws<FormatException>(() => FileKey.Parse(new string('h', FileKey.MaxHostIdLength + 1) + "/c/nfcapd.1"));
        Assert.Contains($"its host is longer than {FileKey.MaxHostIdLength} characters", refused.Message);
    }

    [Theory]
    [InlineData("host-a", "claim", "a/b")]
    [InlineData("host-a", "..", "nfcapd.1")]
    [InlineData("host-a", "claim", "")]
    [InlineData("", "claim", "nfcapd.1")]
    [InlineData("host-a", "claim", "nul\0")]
    public void Constructor_InvalidPart_Throws(string hostId, string claimId, string fileName)
    {
        Assert.Throws<ArgumentException>(() => new FileKey(hostId, claimId, fileName));
    }
}
