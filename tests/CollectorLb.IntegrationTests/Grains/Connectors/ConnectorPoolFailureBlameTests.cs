using CollectorLb.Abstractions.Connectors;
using CollectorLb.Testing.Harnesses;
using static CollectorLb.IntegrationTests.Grains.Connectors.PoolCalls;

namespace CollectorLb.IntegrationTests.Grains.Connectors;

/// <summary>
/// Whom a failed upload is blamed on: the file, while its connector takes other files (only that counts toward the
/// file's quarantine); the downstream, when other files fail on the connector too since it last took one, or when it
/// could not be reached at all.
/// </summary>
public sealed class ConnectorPoolFailureBlameTests : IAsyncLifetime
{
    private GrainHarness _harness = null!;

    public async Task InitializeAsync()
    {
        // Ejection is beside the point here: the one connector stays in rotation whatever fails on it.
        _harness = await GrainHarness.StartAsync(new Dictionary<string, string> { ["Pool:FailuresBeforeEjection"] = "1000" });
        _harness.Registry.List("c1");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Release_FileRefusedWhileItsConnectorTakesOtherFiles_IsTheFiles()
    {
        var pool = _harness.Pool();

        Assert.Equal(FailureScope.ThisFile, await FailAsync(pool, "nfcapd.202611270400"));
        await DeliverAsync(pool, "nfcapd.202611270401");
        Assert.Equal(FailureScope.ThisFile, await FailAsync(pool, "nfcapd.202611270400"));
        Assert.Equal(FailureScope.ThisFile, await FailAsync(pool, "nfcapd.202611270400"));
    }

    [Fact]
    public async Task Release_AnotherFileFailsOnTheConnectorToo_IsTheDownstreams_UntilTheConnectorTakesAFileAgain()
    {
        var pool = _harness.Pool();
        await DeliverAsync(pool, "nfcapd.202611270400");

        Assert.Equal(FailureScope.ThisFile, await FailAsync(pool, "nfcapd.202611270401"));
        Assert.Equal(FailureScope.Downstream, await FailAsync(pool, "nfcapd.202611270402"));
        Assert.Equal(FailureScope.Downstream, await FailAsync(pool, "nfcapd.202611270401"));

        await DeliverAsync(pool, "nfcapd.202611270403");
        Assert.Equal(FailureScope.ThisFile, await FailAsync(pool, "nfcapd.202611270401"));
    }

    [Fact]
    public async Task Release_ConnectorUnreachable_IsTheDownstreams_EvenForTheFirstFailure()
    {
        var pool = _harness.Pool();
        await DeliverAsync(pool, "nfcapd.202611270400");

        var lease = await pool.Acquire(Request("nfcapd.202611270401"));
        Assert.NotNull(lease);
        Assert.Equal(FailureScope.Downstream, await pool.Release(Unreachable(lease)));

        // An unreachable connector says nothing about the files: the next refusal is still the file's own.
        Assert.Equal(FailureScope.ThisFile, await FailAsync(pool, "nfcapd.202611270402"));
    }

    private static async Task<FailureScope> FailAsync(IConnectorPoolGrain pool, string fileName)
    {
        var lease = await pool.Acquire(Request(fileName));
        Assert.NotNull(lease);
        return await pool.Release(Refused(lease));
    }

    private static async Task DeliverAsync(IConnectorPoolGrain pool, string fileName)
    {
        var lease = await pool.Acquire(Request(fileName));
        Assert.NotNull(lease);
        Assert.Equal(FailureScope.Downstream, await pool.Release(Acknowledged(lease)));
    }
}
