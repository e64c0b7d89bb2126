using CollectorLb.Abstractions.Quarantine;

namespace CollectorLb.UnitTests.Abstractions.Quarantine;

public class QuarantineCursorTests
{
    [Theory]
    [InlineData("nfcapd.202611270440", "host-a", "")]
    [InlineData("line\nbreak ünïcødé 流量", "host/with/slashes?", "20261127T044000123-1")]
    public void Cursor_OfAnyPosition_RoundTrips(string name, string host, string slot)
    {
        var position = new QuarantinePosition(name, host, slot);

        Assert.Equal(position, QuarantinePosition.FromCursor(position.ToCursor(), out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("not-base64!")]
    [InlineData("bnVsbA")]                 // "null"
    [InlineData("WyJhIiwiYiJd")]           // ["a","b"]
    [InlineData("eyJhIjoxfQ")]             // {"a":1}
    public void Query_WithACursorItDidNotGive_IsRefusedSayingSo(string cursor)
    {
        var problem = new QuarantineQuery { After = cursor }.Check();

        Assert.NotNull(problem);
        Assert.StartsWith("Refused: the cursor", problem);
    }

    [Fact]
    public void Query_WithAHugeCursorOrLimitOutOfRange_IsRefused()
    {
        Assert.Contains("at most 4096", new QuarantineQuery { After = new string('A', 100_000) }.Check());
        Assert.Contains("between 1 and 1000", new QuarantineQuery { Limit = 0 }.Check());
        Assert.Contains("between 1 and 1000", new QuarantineQuery { Limit = 1001 }.Check());
        Assert.Null(new QuarantineQuery { HostId = "host-a", Reason = "torn", Limit = 1000 }.Check());
    }

    [Fact]
    public void Continuation_RoundTrips_AndAForgedOneIsRefused()
    {
        var continuation = new BulkRequeueContinuation(new Dictionary<string, QuarantinePosition?>
        {
            ["host-a"] = new("nfcapd.202611270440", "host-a", ""),
            ["host-b"] = null,
        });

        var decoded = BulkRequeueContinuation.Decode(continuation.Encode(), out var problem);

        Assert.Null(problem);
        Assert.Equal(continuation.Hosts, decoded!.Hosts);
        Assert.Null(BulkRequeueContinuation.Decode("W1siaCIsImEiXV0", out problem)); // [["h","a"]]
        Assert.NotNull(problem);
        Assert.Null(BulkRequeueContinuation.Decode(new string('A', 70_000), out problem));
        Assert.Contains("at most 65536", problem);
    }
}
