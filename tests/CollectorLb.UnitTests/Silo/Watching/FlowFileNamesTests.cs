using CollectorLb.Silo.Watching;

namespace CollectorLb.UnitTests.Silo.Watching;

public class FlowFileNamesTests
{
    [Theory]
    [InlineData("nfcapd.202611270440", true)]
    [InlineData("nfcapd.20261127044056", true)]
    [InlineData("copied in by hand", true)]
    [InlineData("nfcapd.current.4242", false)]
    [InlineData("nfcapd.current.a8Zk3q", false)]
    [InlineData("nfcapd.202611270440.nfstat", false)]
    [InlineData(".hidden", false)]
    [InlineData(".inflight", false)]
    public void IsCandidate_Name_IsJudgedByNfcapdsConventions(string name, bool expected)
    {
        Assert.Equal(expected, FlowFileNames.IsCandidate(name));
    }
}
