using CollectorLb.Abstractions.Files;

namespace CollectorLb.Tests.Abstractions.Files;

public class FileKeyTests
{
    [Theory]
    [InlineData("nfcapd.202611270440")]
    [InlineData("name with spaces and 'quotes' and \"doubles\"")]
    [InlineData("$(rm -rf /) `id` ; | &")]
    [InlineData("line\nbreak")]
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
}
