using CollectorLb.Abstractions.Connectors;
using CollectorLb.Testing.Harnesses;
using CollectorLb.Testing.Waiting;
using static CollectorLb.IntegrationTests.Grains.Connectors.PoolCalls;

namespace CollectorLb.IntegrationTests.Grains.Connectors;

/// <summary>
/// A lease that is not returned within <c>Pool:LeaseTimeoutSeconds</c> (its silo died mid-upload) is reclaimed when the
/// pool next looks for expired leases (every 30 s, the first 30 s after it starts): its connector's in-flight count
/// goes back, a request waiting for that connector is served, and the lease returned late counts nothing twice.
/// </summary>
public sealed class ConnectorPoolLeaseReclaimTests
{
    private static readonly TimeSpan FirstLook = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lease_NotReturnedWithinItsTimeout_IsReclaimed_ALeaseStillWithinItsTimeoutIsKept()
    {
        await using var harness = await StartAsync(leaseTimeoutSeconds: 20, maxInFlight: 16);
        var pool = harness.Pool();
        var lost = await pool.Acquire(Request("nfcapd.202611270400"));
        Assert.NotNull(lost);
        harness.Time.Advance(TimeSpan.FromSeconds(15));
        var young = await pool.Acquire(Request("nfcapd.202611270401"));
        Assert.NotNull(young);

        // At the first look the first lease is 31 s old, the second 16 s.
        harness.Time.Advance(FirstLook - TimeSpan.FromSeconds(15) + TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(
            async () => await pool.GetSnapshot() is { LeasesOutstanding: 1 } snapshot && snapshot.Connector("c1") is { InFlight: 1, InFlightBytes: FileBytes },
            "the expired lease reclaimed, the other kept (one lease, c1 with one upload in flight)");

        // The lease returned late is not counted a second time; the one kept is returned as usual.
        Assert.Equal(FailureScope.Downstream, await pool.Release(Refused(lost)));
        var afterLateReturn = await pool.GetSnapshot();
        Assert.Equal(1, afterLateReturn.LeasesOutstanding);
        Assert.Equal(1, afterLateReturn.Connector("c1").InFlight);
        await pool.Release(Acknowledged(young));
        var afterAll = await pool.GetSnapshot();
        Assert.Equal(0, afterAll.LeasesOutstanding);
        Assert.Equal(0, afterAll.Connector("c1").InFlight);
        Assert.Equal(0, afterAll.Connector("c1").InFlightBytes);
    }

    [Fact]
    public async Task Lease_ReclaimedWhileARequestWaitsForItsConnector_TheWaitingRequestIsServed()
    {
        await using var harness = await StartAsync(leaseTimeoutSeconds: 1, maxInFlight: 1);
        var pool = harness.Pool();
        var lost = await pool.Acquire(Request("nfcapd.202611270400"));
        Assert.NotNull(lost);
        harness.Time.Advance(FirstLook - TimeSpan.FromSeconds(5));

        var waiting = pool.Acquire(Request("nfcapd.202611270401"));
        await pool.SettledAsync();
        Assert.False(waiting.IsCompleted, "served while the only connector was at its cap");
        harness.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal("c1", (await waiting.WaitAsync(TimeSpan.FromSeconds(30)))?.ConnectorName);
    }

    private static async Task<GrainHarness> StartAsync(int leaseTimeoutSeconds, int maxInFlight)
    {
        var harness = await GrainHarness.StartAsync(new Dictionary<string, string>
        {
            ["Pool:LeaseTimeoutSeconds"] = leaseTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Pool:MaxInFlightPerConnector"] = maxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        harness.Registry.List("c1");
        return harness;
    }
}
