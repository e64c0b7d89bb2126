using CollectorLb.Abstractions.ClusterView;

namespace CollectorLb.UnitTests.Abstractions.ClusterView;

public class OperatorInputTests
{
    [Theory]
    [InlineData("host-a/20261127T044000123-1/nfcapd.202611270440")]
    [InlineData("nfcapd.202611270440")]
    [InlineData("name with spaces and 'quotes'")]
    [InlineData("line\nbreak")]
    [InlineData("ünïcødé-流量-📈")]
    [InlineData("host-a/c/..nfcapd")]
    public void CheckKeyOrName_NamesFilesCanHave_AreAccepted(string file)
    {
        Assert.Null(OperatorInput.CheckKeyOrName(file));
    }

    [Theory]
    [InlineData("../../etc/passwd", "path step")]
    [InlineData("host-a/../nfcapd.202611270440", "path step")]
    [InlineData("host-a/./nfcapd.202611270440", "path step")]
    [InlineData("host-a/claim/..", "path step")]
    [InlineData("host-a/claim/sub/nfcapd.1", "has no '/'")]
    [InlineData("../nfcapd.1", "has no '/'")]
    [InlineData("..", "path step")]
    [InlineData("nfcapd.1\0.json", "NUL")]
    [InlineData("host-a/claim/nfcapd\0", "NUL")]
    [InlineData("host-a//nfcapd.1", "its claim is empty")]
    public void CheckKeyOrName_ForgedKeysAndNames_AreRefusedSayingWhy(string file, string why)
    {
        var problem = OperatorInput.CheckKeyOrName(file);

        Assert.NotNull(problem);
        Assert.StartsWith("Refused: ", problem);
        Assert.Contains(why, problem);
        Assert.DoesNotContain('\0', problem);
    }

    [Fact]
    public void CheckKeyOrName_HugeStrings_AreRefusedWithoutEchoingThem()
    {
        var hugeKey = "host-a/claim/" + new string('n', 100_000);
        var hugeName = new string('n', 100_000);

        Assert.Contains("at most 1024", OperatorInput.CheckKeyOrName(hugeKey));
        Assert.Contains("longer than 255 bytes", OperatorInput.CheckKeyOrName(hugeName));
        Assert.True(OperatorInput.CheckKeyOrName(hugeName)!.Length < 200);
        Assert.Contains("longer than 255 bytes", OperatorInput.CheckKeyOrName(new string('é', 200))); // 400 bytes of UTF-8
    }

    [Fact]
    public void CheckHostIdAndReason_BoundAndRefuseForgedOnes()
    {
        Assert.Null(OperatorInput.CheckHostId("host-a"));
        Assert.NotNull(OperatorInput.CheckHostId("../host-a"));
        Assert.NotNull(OperatorInput.CheckHostId(".."));
        Assert.NotNull(OperatorInput.CheckHostId(new string('h', 201)));
        Assert.Null(OperatorInput.CheckReasonFilter("torn or unfinished"));
        Assert.NotNull(OperatorInput.CheckReasonFilter(new string('r', 201)));
    }
}
