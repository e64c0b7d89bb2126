using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;
using CollectorLb.Grains.Connectors.Balancing;
using CollectorLb.Grains.Options;
using CollectorLb.Testing.Waiting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollectorLb.UnitTests.Grains.Connectors;

public class ConnectorLeasesTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task AcquireAsync_PoolCallFails_LeaseFromThePoolsLastSnapshot()
    {
        var pool = new ScriptedPool(ScriptedPool.Connector("c1"), ScriptedPool.Connector("c2"));
        using var leases = await StartedAsync(pool);
        pool.OnAcquire = _ => Task.FromException<ConnectorLease?>(new SiloUnavailableException());

        var lease = await leases.AcquireAsync(Request());

        Assert.NotNull(lease);
        Assert.True(lease.LeaseId < 0, "a local lease");
        Assert.Contains(lease.ConnectorName, new[] { "c1", "c2" });
        Assert.Equal("http://" + lease.ConnectorName + ":7000", lease.BaseUrl);
        Assert.False(leases.PoolAnswering);
        Assert.Equal(1, leases.TimesUnreachable);
    }

    [Fact]
    public async Task ReleaseAsync_PoolDoesNotAnswerNorItsProbe_FailureNotTheFilesAfterTwoSeconds_SiloPicksLocally()
    {
        var pool = new ScriptedPool(ScriptedPool.Connector("c1"));
        using var leases = await StartedAsync(pool);
        var lease = Assert.IsType<ConnectorLease>(await leases.AcquireAsync(Request()));
        pool.OnRelease = _ => ScriptedPool.NoAnswer<FailureScope>();
        pool.OnSnapshot = ScriptedPool.NoAnswer<ConnectorPoolSnapshot>;

        // Refused by a connector that took nothing else: the pool would blame the file.
        var release = leases.ReleaseAsync(lease, Refused(lease));
        _time.Advance(ConnectorLeases.UnansweredAfter - Step);
        Assert.False(release.IsCompleted);

        Assert.Equal(FailureScope.Downstream, await AdvanceUntilDoneAsync(release));
        await Eventually.TrueAsync(() => { _time.Advance(Step); return !leases.PoolAnswering; }, "the unanswered probe turns the silo to local picks");
        Assert.True((await leases.AcquireAsync(Request()))!.LeaseId < 0);
    }

    [Fact]
    public async Task ReleaseAsync_PoolSlowButAnsweringItsProbe_TheSiloStaysWithThePool()
    {
        var pool = new ScriptedPool(ScriptedPool.Connector("c1"));
        using var leases = await StartedAsync(pool);
        var lease = Assert.IsType<ConnectorLease>(await leases.AcquireAsync(Request()));
        pool.OnRelease = _ => ScriptedPool.NoAnswer<FailureScope>();
        var reads = pool.SnapshotReads;

        Assert.Equal(FailureScope.Downstream, await AdvanceUntilDoneAsync(leases.ReleaseAsync(lease, Refused(lease))));
        await Eventually.TrueAsync(() => { _time.Advance(Step); return pool.SnapshotReads > reads; }, "the pool is probed");
        _time.Advance(ConnectorLeases.UnansweredAfter * 2);

        Assert.True(leases.PoolAnswering);
        Assert.Equal(0, leases.TimesUnreachable);
        Assert.True((await leases.AcquireAsync(Request()))!.LeaseId > 0);
    }

    [Fact]
    public async Task AcquireAsync_PoolGrantsTheLeaseAfterTheSiloGaveUp_ItGoesBackUnused()
    {
        var pool = new ScriptedPool(ScriptedPool.Connector("c1"));
        using var leases = await StartedAsync(pool);
        var late = new TaskCompletionSource<ConnectorLease?>();
        pool.OnAcquire = _ => late.Task;
        pool.OnSnapshot = ScriptedPool.NoAnswer<ConnectorPoolSnapshot>;

        var local = await AdvanceUntilDoneAsync(leases.AcquireAsync(Request()));
        late.SetResult(new ConnectorLease(77, "c1", "http://c1:7000"));

        Assert.True(local!.LeaseId < 0, "picked locally once the probe went unanswered too");
        await Eventually.TrueAsync(() => pool.Released.Any(o => o.LeaseId == 77 && o.Unused), "the late lease is returned unused");
    }

    [Fact]
    public async Task AcquireAsync_PoolWaitsForAConnectorAndAnswersTheProbe_TheSiloKeepsWaitingForThePool()
    {
        var pool = new ScriptedPool(ScriptedPool.Connector("c1"));
        using var leases = await StartedAsync(pool);
        var granted = new TaskCompletionSource<ConnectorLease?>();
        pool.OnAcquire = _ => granted.Task;
        var reads = pool.SnapshotReads;

        var acquire = leases.AcquireAsync(Request());
        await Eventually.TrueAsync(() => { _time.Advance(Step); return pool.SnapshotReads > reads; }, "the pool is probed after 2 s without an answer");
        _time.Advance(ConnectorLeases.UnansweredAfter);
        Assert.False(acquire.IsCompleted);
        granted.SetResult(new ConnectorLease(9, "c1", "http://c1:7000"));

        Assert.Equal(9, (await acquire)!.LeaseId);
        Assert.True(leases.PoolAnswering);
        Assert.Equal(0, leases.TimesUnreachable);
    }

    [Fact]
    public async Task Probe_PoolAnswersAgain_TheNextLeaseComesFromThePool()
    {
        var pool = new ScriptedPool(ScriptedPool.Connector("c1"));
        using var leases = await StartedAsync(pool);
        var normal = pool.OnAcquire;
        pool.OnAcquire = _ => Task.FromException<ConnectorLease?>(new SiloUnavailableException());
        Assert.True((await leases.AcquireAsync(Request()))!.LeaseId < 0);
        pool.OnAcquire = normal;

        await Eventually.TrueAsync(() => { _time.Advance(Step); return leases.PoolAnswering; }, "the probe finds the pool answering");
        var acquires = pool.Acquires;

        Assert.True((await leases.AcquireAsync(Request()))!.LeaseId > 0);
        Assert.Equal(acquires + 1, pool.Acquires);
    }

    [Fact]
    public async Task LocalPicks_ThisSilosShareOfTheCap_MoreWaitForALocalLeaseToComeBack()
    {
        // 4 silos and a cap of 8 uploads per connector: 2 each.
        var pool = new ScriptedPool(ScriptedPool.Connector("c1"));
        using var leases = await StartedAsync(pool, silos: 4, maxInFlightPerConnector: 8);
        pool.OnAcquire = _ => Task.FromException<ConnectorLease?>(new SiloUnavailableException());
        pool.OnSnapshot = ScriptedPool.NoAnswer<ConnectorPoolSnapshot>;
        var first = (await leases.AcquireAsync(Request("h/1/a")))!;
        var second = (await leases.AcquireAsync(Request("h/1/b")))!;

        var third = leases.AcquireAsync(Request("h/1/c"));
        _time.Advance(Step);
        Assert.False(third.IsCompleted);
        Assert.Equal(FailureScope.Downstream, await leases.ReleaseAsync(first, Acknowledged(first)));

        Assert.Equal("c1", (await third.WaitAsync(TimeSpan.FromSeconds(10)))!.ConnectorName);
        Assert.Equal(2, leases.LocalLeasesOutstanding);
        Assert.True(second.LeaseId < 0);
    }

    [Fact]
    public async Task LocalRelease_FirstFileRefusedByAConnectorWithoutFailures_BlamedOnTheFile()
    {
        var pool = new ScriptedPool(ScriptedPool.Connector("c1"));
        using var leases = await StartedAsync(pool);
        pool.OnAcquire = _ => Task.FromException<ConnectorLease?>(new SiloUnavailableException());
        var lease = (await leases.AcquireAsync(Request()))!;

        Assert.Equal(FailureScope.ThisFile, await leases.ReleaseAsync(lease, Refused(lease)));
    }

    [Fact]
    public async Task LocalRelease_ConnectorFailingInThePoolsSnapshot_BlamedOnTheDownstream()
    {
        var pool = new ScriptedPool(ScriptedPool.Connector("c1", consecutiveFailures: 2));
        using var leases = await StartedAsync(pool);
        pool.OnAcquire = _ => Task.FromException<ConnectorLease?>(new SiloUnavailableException());
        var lease = (await leases.AcquireAsync(Request()))!;

        Assert.Equal(FailureScope.Downstream, await leases.ReleaseAsync(lease, Refused(lease)));
    }

    [Fact]
    public async Task LocalPicks_ConnectorEjectedInThePoolsSnapshot_TheHealthyOneTakesTheFiles()
    {
        var pool = new ScriptedPool(ScriptedPool.Connector("c1", consecutiveFailures: 3, ejectedUntil: _time.GetUtcNow().AddMinutes(5)), ScriptedPool.Connector("c2"));
        using var leases = await StartedAsync(pool);
        pool.OnAcquire = _ => Task.FromException<ConnectorLease?>(new SiloUnavailableException());

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("c2", (await leases.AcquireAsync(Request($"h/1/{i}")))!.ConnectorName);
        }
    }

    private static LeaseRequest Request(string fileKey = "host-1/1/nfcapd.202611270400") => new(fileKey, 4096, []);

    private static LeaseOutcome Acknowledged(ConnectorLease lease) => new(lease.LeaseId, Acknowledged: true, 4096, TimeSpan.FromMilliseconds(5), null) { StatusCode = 200 };

    private static LeaseOutcome Refused(ConnectorLease lease) => new(lease.LeaseId, Acknowledged: false, 4096, TimeSpan.FromMilliseconds(5), "HTTP 400") { StatusCode = 400 };

    /// <summary>A silo's lease service that has had one lease from the pool, and so read its snapshot.</summary>
    private async Task<ConnectorLeases> StartedAsync(ScriptedPool pool, int silos = 1, int maxInFlightPerConnector = 16)
    {
        var leases = new ConnectorLeases(
            new ConnectorPoolReference(new PoolGrainFactory(pool), Options.Create(new RegistryOptions())),
            new ActiveSilos(silos),
            Options.Create(new ConnectorPoolOptions { Policy = LoadBalancingPolicies.LeastOutstanding, MaxInFlightPerConnector = maxInFlightPerConnector }),
            _time,
            NullLogger<ConnectorLeases>.Instance);
        var lease = Assert.IsType<ConnectorLease>(await leases.AcquireAsync(Request("host-1/0/warm-up")));
        await leases.ReleaseAsync(lease, Acknowledged(lease));
        await Eventually.TrueAsync(() => { _time.Advance(TimeSpan.FromMilliseconds(1)); return pool.SnapshotReads > 0; }, "the pool's snapshot is read");
        return leases;
    }

    /// <summary>Moves the fake clock on in small steps until the task is done (a real-time deadline guards the test).</summary>
    private async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task)
    {
        await Eventually.TrueAsync(() => { _time.Advance(Step); return task.IsCompleted; }, "the call is done", TimeSpan.FromSeconds(20));
        return await task;
    }
}
