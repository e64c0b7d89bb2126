using CollectorLb.Silo.Registry;

namespace CollectorLb.UnitTests.Silo.Registry;

public class ConnectorUrlTests
{
    [Theory]
    [InlineData("http://netflow-source-connector-service:7000", "http://netflow-source-connector-service:7000")]
    [InlineData("https://10.0.0.7:7000/", "https://10.0.0.7:7000")]
    [InlineData("http://host:7000/base/", "http://host:7000/base")]
    public void TryNormalize_HttpUrlWithHost_IsAcceptedWithoutTrailingSlash(string url, string expected)
    {
        Assert.True(ConnectorUrl.TryNormalize(url, out var baseUrl));
        Assert.Equal(expected, baseUrl);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://connector:21")]
    [InlineData("connector:7000")]
    [InlineData("/convert")]
    [InlineData("http://")]
    [InlineData("http://user:secret@connector:7000")]
    [InlineData("")]
    [InlineData(null)]
    public void TryNormalize_NotAnHttpUrlWithHost_IsRejected(string? url)
    {
        Assert.False(ConnectorUrl.TryNormalize(url, out _));
    }
}
