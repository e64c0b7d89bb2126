using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.UnitTests.Grains.Connectors.Model;

public class ConnectorLatencyTests
{
    private const long Megabyte = 1024 * 1024;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void SecondsPerMegabyte_NoAnswerYet_IsZero()
    {
        Assert.Equal(0, new ConnectorLatency(_time).SecondsPerMegabyte);
    }

    [Fact]
    public void Record_FirstAnswer_SetsSecondsPerMegabyte()
    {
        var latency = new ConnectorLatency(_time);

        latency.Record(4 * Megabyte, TimeSpan.FromSeconds(2));

        Assert.Equal(0.5, latency.SecondsPerMegabyte, 9);
    }

    [Fact]
    public void Record_SmallFile_CountsAsTheSmallestCountedSize()
    {
        var latency = new ConnectorLatency(_time);

        latency.Record(4096, TimeSpan.FromSeconds(0.1));

        Assert.Equal(0.1 / ConnectorLatency.Megabytes(ConnectorLatency.SmallestCountedBytes), latency.SecondsPerMegabyte, 9);
    }

    [Fact]
    public void Record_SlowerAnswer_CountsAtOnce()
    {
        var latency = new ConnectorLatency(_time);
        latency.Record(Megabyte, TimeSpan.FromSeconds(1));

        latency.Record(Megabyte, TimeSpan.FromSeconds(10));

        Assert.Equal(10, latency.SecondsPerMegabyte, 9);
    }

    [Fact]
    public void Record_FasterAnswer_IsBlendedIn()
    {
        var latency = new ConnectorLatency(_time);
        latency.Record(Megabyte, TimeSpan.FromSeconds(10));

        latency.Record(Megabyte, TimeSpan.FromSeconds(1));

        Assert.Equal((10 * (1 - ConnectorLatency.FasterSampleWeight)) + ConnectorLatency.FasterSampleWeight, latency.SecondsPerMegabyte, 9);
    }

    [Fact]
    public void SecondsPerMegabyte_NoAnswerForADecayTime_HasDecayedByE()
    {
        var latency = new ConnectorLatency(_time, TimeSpan.FromSeconds(10));
        latency.Record(Megabyte, TimeSpan.FromSeconds(8));

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(8 / Math.E, latency.SecondsPerMegabyte, 9);
    }

    [Fact]
    public void SecondsPerMegabyteAtLastAnswer_NoAnswerSince_IsTheEstimateThatAnswerLeft()
    {
        var latency = new ConnectorLatency(_time, TimeSpan.FromSeconds(10));
        latency.Record(Megabyte, TimeSpan.FromSeconds(8));

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(8, latency.SecondsPerMegabyteAtLastAnswer, 9);
    }

    [Fact]
    public void Record_AfterDecay_ComparesWithTheDecayedEstimate()
    {
        var latency = new ConnectorLatency(_time, TimeSpan.FromSeconds(10));
        latency.Record(Megabyte, TimeSpan.FromSeconds(8));
        _time.Advance(TimeSpan.FromSeconds(30));

        latency.Record(Megabyte, TimeSpan.FromSeconds(1));

        Assert.Equal(1, latency.SecondsPerMegabyte, 9);
    }

    [Fact]
    public void CostOf_KnownLatency_IsSecondsPerMegabyteTimesOutstandingPlusFileMegabytes()
    {
        var latency = new ConnectorLatency(_time);
        latency.Record(Megabyte, TimeSpan.FromSeconds(2));

        Assert.Equal(2 * (3 + 1), latency.CostOf(inFlight: 2, inFlightBytes: 3 * Megabyte, fileBytes: Megabyte), 9);
    }

    [Fact]
    public void CostOf_OutstandingSmallFiles_CountEachAsTheSmallestCountedSize()
    {
        var latency = new ConnectorLatency(_time);
        latency.Record(Megabyte, TimeSpan.FromSeconds(1));
        var smallest = ConnectorLatency.Megabytes(0);

        Assert.Equal((4 * smallest) + smallest, latency.CostOf(inFlight: 4, inFlightBytes: 4 * 100, fileBytes: 100), 9);
    }

    [Fact]
    public void CostOf_NeverAnsweredAndIdle_IsZeroSoItGetsAFirstFile()
    {
        Assert.Equal(0, new ConnectorLatency(_time).CostOf(0, 0, Megabyte));
    }

    [Fact]
    public void CostOf_NeverAnsweredAndBusy_IsAbovePenalty()
    {
        Assert.True(new ConnectorLatency(_time).CostOf(1, Megabyte, Megabyte) >= ConnectorLatency.UnknownBusyPenaltySeconds);
    }

    [Fact]
    public void CostOf_BusyAndNotHeardFromForADecayTime_IsAbovePenaltySoItIsProbedOneFileAtATime()
    {
        var latency = new ConnectorLatency(_time, TimeSpan.FromSeconds(10));
        latency.Record(Megabyte, TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(11));

        Assert.True(latency.IsStale);
        Assert.True(latency.CostOf(inFlight: 1, inFlightBytes: Megabyte, fileBytes: Megabyte) >= ConnectorLatency.UnknownBusyPenaltySeconds);
        Assert.True(latency.CostOf(inFlight: 0, inFlightBytes: 0, fileBytes: Megabyte) < 1);
    }
}
