using CollectorLb.Grains.Connectors.Balancing;
using static CollectorLb.UnitTests.Grains.Connectors.Balancing.PolicyTestData;

namespace CollectorLb.UnitTests.Grains.Connectors.Balancing;

public class P2cEwmaPolicyTests
{
    private const long Megabyte = 1024 * 1024;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void PickConnector_EmptyList_ReturnsNull()
    {
        Assert.Null(new P2cEwmaPolicy(new ScriptedRandom(0)).PickConnector(Request(), []));
    }

    [Fact]
    public void PickConnector_OneConnector_ReturnsItHoweverSlowAndBusy()
    {
        var only = Timed("only", _time, TimeSpan.FromSeconds(30), inFlight: 9);

        Assert.Same(only, new P2cEwmaPolicy(new ScriptedRandom(0)).PickConnector(Request(), [only]));
    }

    [Fact]
    public void PickConnector_SecondDrawEqualsFirst_TakesTheNextConnectorSoCandidatesDiffer()
    {
        var cheapest = Timed("cheapest", _time, TimeSpan.FromSeconds(0.1));
        var busy = Timed("busy", _time, TimeSpan.FromSeconds(1), inFlight: 3);
        var idle = Timed("idle", _time, TimeSpan.FromSeconds(1));

        // Draws (1, 1): the second index skips over the first, so "busy" is compared with "idle", not with itself.
        var picked = new P2cEwmaPolicy(new ScriptedRandom(1, 1)).PickConnector(Request(Megabyte), [cheapest, busy, idle]);

        Assert.Same(idle, picked);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    public void PickConnector_SlowAndFastIdle_PicksTheFastWhicheverIsDrawnFirst(int firstDraw, int secondDraw)
    {
        var fast = Timed("fast", _time, TimeSpan.FromSeconds(1));
        var slow = Timed("slow", _time, TimeSpan.FromSeconds(10));

        var picked = new P2cEwmaPolicy(new ScriptedRandom(firstDraw, secondDraw)).PickConnector(Request(Megabyte), [fast, slow]);

        Assert.Same(fast, picked);
    }

    [Fact]
    public void PickConnector_EqualCost_PicksTheFirstDrawn()
    {
        var a = Timed("a", _time, TimeSpan.FromSeconds(1), inFlight: 2);
        var b = Timed("b", _time, TimeSpan.FromSeconds(1), inFlight: 2);
        var c = Timed("c", _time, TimeSpan.FromSeconds(1), inFlight: 2);

        var policy = new P2cEwmaPolicy(new ScriptedRandom(2, 0, 1, 1));

        Assert.Same(c, policy.PickConnector(Request(), [a, b, c]));
        Assert.Same(b, policy.PickConnector(Request(), [a, b, c]));
    }

    [Fact]
    public void PickConnector_FastConnectorLoaded_SlowerIdleOneWinsOnceExpectedFinishIsSooner()
    {
        // fast: 1 s/MB with 5 MB outstanding -> 6 s for one more MB; slow: 4 s/MB idle -> 4 s.
        var fast = Timed("fast", _time, TimeSpan.FromSeconds(1), inFlight: 1);
        fast.InFlightBytes = 5 * Megabyte;
        var slow = Timed("slow", _time, TimeSpan.FromSeconds(4));

        var picked = new P2cEwmaPolicy(new ScriptedRandom(0, 0)).PickConnector(Request(Megabyte), [fast, slow]);

        Assert.Same(slow, picked);
    }

    [Fact]
    public void PickConnector_EqualLatency_CountsBytesOutstandingNotFiles()
    {
        // One 50 MB upload weighs more than three small ones.
        var oneLargeFile = Timed("large", _time, TimeSpan.FromSeconds(1), inFlight: 1);
        oneLargeFile.InFlightBytes = 50 * Megabyte;
        var threeSmallFiles = Timed("small", _time, TimeSpan.FromSeconds(1), inFlight: 3);
        threeSmallFiles.InFlightBytes = 3 * 4096;

        var picked = new P2cEwmaPolicy(new ScriptedRandom(0, 0)).PickConnector(Request(Megabyte), [oneLargeFile, threeSmallFiles]);

        Assert.Same(threeSmallFiles, picked);
    }

    [Fact]
    public void PickConnector_NewConnector_GetsOneFileThenWaitsForItsFirstAnswer()
    {
        var known = Timed("known", _time, TimeSpan.FromSeconds(1), inFlight: 4);
        var fresh = Timed("fresh", _time);
        var policy = new P2cEwmaPolicy(new ScriptedRandom(0, 0));

        Assert.Same(fresh, policy.PickConnector(Request(), [known, fresh]));

        fresh.InFlight = 1;
        Assert.Same(known, policy.PickConnector(Request(), [known, fresh]));
    }

    [Fact]
    public void PickConnector_SlowConnectorNotHeardFromWhileOthersAnswer_IsTriedAgainOnceItsEstimateDecayed()
    {
        // 10x slower: avoided while its estimate stays above the fast connector's; that decays away in about 10 s x ln 10.
        var fast = Timed("fast", _time, TimeSpan.FromSeconds(1));
        var slow = Timed("slow", _time, TimeSpan.FromSeconds(10));
        var policy = new P2cEwmaPolicy(new ScriptedRandom(1, 0));
        var firstPickOfSlow = TimeSpan.Zero;

        for (var second = 1; second <= 60; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            fast.Latency.Record(Megabyte, TimeSpan.FromSeconds(1));
            if (policy.PickConnector(Request(Megabyte), [fast, slow]) == slow)
            {
                firstPickOfSlow = TimeSpan.FromSeconds(second);
                break;
            }
        }

        Assert.InRange(firstPickOfSlow, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void PickConnector_SlowConnectorBeingProbed_GetsNoSecondFileUntilItAnswers()
    {
        var fast = Timed("fast", _time, TimeSpan.FromSeconds(1));
        var slow = Timed("slow", _time, TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(30));
        fast.Latency.Record(Megabyte, TimeSpan.FromSeconds(1));
        var policy = new P2cEwmaPolicy(new ScriptedRandom(1, 0));

        Assert.Same(slow, policy.PickConnector(Request(Megabyte), [fast, slow]));

        slow.InFlight = 1;
        fast.InFlight = 3;
        Assert.Same(fast, policy.PickConnector(Request(Megabyte), [fast, slow]));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    public void PickConnector_UnknownConnectorFailingEveryUpload_LosesToOneThatAnswers(int firstDraw, int secondDraw)
    {
        var answers = Timed("answers", _time, TimeSpan.FromSeconds(0.05));
        var failing = Connector("failing");
        failing.ConsecutiveFailures = 3;

        var picked = new P2cEwmaPolicy(new ScriptedRandom(firstDraw, secondDraw)).PickConnector(Request(Megabyte), [answers, failing]);

        Assert.Same(answers, picked);
    }
}
