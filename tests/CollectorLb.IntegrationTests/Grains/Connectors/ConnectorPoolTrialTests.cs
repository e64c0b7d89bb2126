using CollectorLb.Abstractions.Connectors;
using CollectorLb.Testing.Harnesses;
using static CollectorLb.IntegrationTests.Grains.Connectors.PoolCalls;

namespace CollectorLb.IntegrationTests.Grains.Connectors;

/// <summary>
/// A connector ejected for failing gets no file during its cool-down; once it is over, exactly one file goes to it as
/// its trial. Success readmits it; failure ejects it again, for twice as long.
/// </summary>
public sealed class ConnectorPoolTrialTests : IAsyncLifetime
{
    private static readonly TimeSpan CoolDown = TimeSpan.FromSeconds(5);

    private GrainHarness _harness = null!;
    private int _files;

    public async Task InitializeAsync()
    {
        _harness = await GrainHarness.StartAsync(new Dictionary<string, string>
        {
            ["Pool:Policy"] = "round-robin",
            ["Pool:FailuresBeforeEjection"] = "1",
            ["Pool:EjectionSeconds"] = "5",
        });
        _harness.Registry.List("c1", "c2");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Acquire_CoolDownOver_ExactlyOneTrialGoesToTheEjectedConnector_ItsSuccessReadmitsIt()
    {
        var pool = _harness.Pool();
        var ejectedAt = await EjectAsync(pool, "c1");
        Assert.Equal(ejectedAt + CoolDown, (await pool.GetSnapshot()).Connector("c1").EjectedUntil);
        Assert.Equal(["c2", "c2", "c2", "c2"], await PickOneAfterAnotherAsync(pool, 4));

        _harness.Time.Advance(CoolDown);
        var trial = await pool.Acquire(Request(NextFile()));
        Assert.Equal("c1", trial?.ConnectorName);
        Assert.Equal(["c2", "c2", "c2", "c2"], await PickOneAfterAnotherAsync(pool, 4));

        await pool.Release(Acknowledged(trial!));
        var readmitted = (await pool.GetSnapshot()).Connector("c1");
        Assert.Null(readmitted.EjectedUntil);
        Assert.Equal(0, readmitted.ConsecutiveFailures);
        Assert.Contains("c1", await PickOneAfterAnotherAsync(pool, 4));
    }

    [Fact]
    public async Task Acquire_TrialFails_TheConnectorIsEjectedForTwiceAsLong()
    {
        var pool = _harness.Pool();
        await EjectAsync(pool, "c1");
        _harness.Time.Advance(CoolDown);
        var trial = await pool.Acquire(Request(NextFile()));
        Assert.Equal("c1", trial?.ConnectorName);

        await pool.Release(Refused(trial!, status: 500));

        Assert.Equal(_harness.Time.GetUtcNow() + (2 * CoolDown), (await pool.GetSnapshot()).Connector("c1").EjectedUntil);
        _harness.Time.Advance(CoolDown);
        Assert.Equal(["c2", "c2", "c2", "c2"], await PickOneAfterAnotherAsync(pool, 4));

        _harness.Time.Advance(CoolDown);
        var secondTrial = await pool.Acquire(Request(NextFile()));
        Assert.Equal("c1", secondTrial?.ConnectorName);
    }

    /// <summary>Fails one upload on <paramref name="connector"/>, which ejects it; returns when that happened.</summary>
    private async Task<DateTimeOffset> EjectAsync(IConnectorPoolGrain pool, string connector)
    {
        while (true)
        {
            var lease = await pool.Acquire(Request(NextFile()));
            Assert.NotNull(lease);
            if (lease.ConnectorName == connector)
            {
                var failedAt = _harness.Time.GetUtcNow();
                await pool.Release(Refused(lease, status: 500));
                return failedAt;
            }

            await pool.Release(Acknowledged(lease));
        }
    }

    /// <summary>Where <paramref name="count"/> files go, each delivered before the next asks.</summary>
    private async Task<List<string>> PickOneAfterAnotherAsync(IConnectorPoolGrain pool, int count)
    {
        var picked = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var lease = await pool.Acquire(Request(NextFile()));
            Assert.NotNull(lease);
            picked.Add(lease.ConnectorName);
            await pool.Release(Acknowledged(lease));
        }

        return picked;
    }

    private string NextFile() => $"nfcapd.2026112704{++_files:D2}";
}
