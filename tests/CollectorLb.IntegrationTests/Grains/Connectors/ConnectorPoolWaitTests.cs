using CollectorLb.Testing.Harnesses;
using static CollectorLb.IntegrationTests.Grains.Connectors.PoolCalls;

namespace CollectorLb.IntegrationTests.Grains.Connectors;

/// <summary>
/// A request that finds every connector at its in-flight cap waits in the pool instead of retrying later: it is served
/// when a lease comes back, the longest-waiting first, and answered null when its 10 s are over.
/// </summary>
public sealed class ConnectorPoolWaitTests : IAsyncLifetime
{
    private static readonly TimeSpan Served = TimeSpan.FromSeconds(30);

    private GrainHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await GrainHarness.StartAsync(new Dictionary<string, string>
        {
            ["Pool:MaxInFlightPerConnector"] = "1",
            ["Pool:Policy"] = "round-robin",
        });
        _harness.Registry.List("c1");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Acquire_EveryConnectorAtItsCap_WaitersAreServedInTheOrderTheyCameAsLeasesComeBack()
    {
        var pool = _harness.Pool();
        var first = await pool.Acquire(Request("nfcapd.202611270400"));
        Assert.NotNull(first);

        var second = pool.Acquire(Request("nfcapd.202611270401"));
        await pool.SettledAsync();
        var third = pool.Acquire(Request("nfcapd.202611270402"));
        await pool.SettledAsync();
        Assert.False(second.IsCompleted, "the second request was served while the only connector was at its cap");
        Assert.False(third.IsCompleted, "the third request was served while the only connector was at its cap");

        await pool.Release(Acknowledged(first));
        var secondLease = await second.WaitAsync(Served);
        await pool.SettledAsync();
        Assert.Equal("c1", secondLease?.ConnectorName);
        Assert.False(third.IsCompleted, "a returned lease served both waiting requests");

        await pool.Release(Acknowledged(secondLease!));
        var thirdLease = await third.WaitAsync(Served);
        Assert.Equal("c1", thirdLease?.ConnectorName);
        var snapshot = await pool.GetSnapshot();
        Assert.Equal(1, snapshot.LeasesOutstanding);
        Assert.Equal(1, snapshot.Connector("c1").InFlight);
    }

    [Fact]
    public async Task Acquire_NoLeaseComesBackWithinTenSeconds_IsAnsweredNull()
    {
        var pool = _harness.Pool();
        var held = await pool.Acquire(Request("nfcapd.202611270400"));
        Assert.NotNull(held);

        var waiting = pool.Acquire(Request("nfcapd.202611270401"));
        await pool.SettledAsync();
        _harness.Time.Advance(TimeSpan.FromSeconds(9.5));
        await pool.SettledAsync();
        Assert.False(waiting.IsCompleted, "the request gave up before its 10 s were over");

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await waiting.WaitAsync(Served));

        // Giving up took nothing: the held lease is still the only one.
        var snapshot = await pool.GetSnapshot();
        Assert.Equal(1, snapshot.LeasesOutstanding);
        Assert.Equal(1, snapshot.Connector("c1").InFlight);
    }
}
