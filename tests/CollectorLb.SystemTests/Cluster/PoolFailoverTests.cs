using CollectorLb.Testing.Cluster;
using CollectorLb.Testing.DevServices;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Paths;
using CollectorLb.Testing.Programs;
using CollectorLb.Testing.Silos;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.SystemTests.Cluster;

/// <summary>
/// The silo that hosts the connector pool crashes while every host uploads. Membership keeps its production timings
/// (5 s probes, 3 missed, votes): nothing here is made faster. The pool's silo is the silo program in its own process,
/// killed with SIGKILL; the surviving hosts run in this process (composed like the silo program, loopback TCP, Redis).
/// TestingHost cannot stage this: its in-process silos talk over an in-memory transport a silo process cannot join, and a
/// silo it kills still writes itself dead in the membership table on its way out, so the cluster would know at once.
/// </summary>
public class PoolFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DropEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The goal is 5 s (make bench reports the gap against it); on this shared machine the test allows twice that,
    /// still far below the stall without local picks, which lasts until the cluster declares the silo dead.
    /// </summary>
    private static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SiloWithThePoolKilled_ProductionMembershipTimings_SurvivorsKeepDelivering_NothingLost()
    {
        using var root = new TempDirectory("pool-failover");
        await using var redis = await RedisServer.StartAsync();
        await using var devServices = new LoopbackDevServices(root.Combine("connectors"));
        await devServices.StartConnectorsAsync(2);
        var registry = await devServices.StartRegistryAsync();
        var identity = ClusterIdentity.New("failover");
        var hosts = Enumerable.Range(0, 3).Select(i => ClusterHost.Create(root.Path, i)).ToList();
        var lost = hosts[0];
        var survivors = hosts.Skip(1).ToList();
        var dropped = new Files();

        // host-01 is alone when its first file comes, so the pool activates in its process.
        var poolSilo = await StartSiloProcessAsync(root, lost, identity, redis, registry.Port);
        try
        {
            await DeliveredAsync(devServices, [dropped.Drop(lost)], () => poolSilo.Output);
            await using var cluster = await CollectorCluster.StartAsync(survivors, identity, redis.ConnectionString, registry.Port);
            Assert.Null(await cluster.PoolHostAsync());

            using var stop = new CancellationTokenSource();
            var dropping = DropSteadilyAsync(hosts, dropped, stop.Token);
            await Eventually.TrueAsync(
                () => survivors.All(h => Received(devServices, dropped.Of(h)).Count >= 10),
                "every surviving host delivers before the kill");
            var killedAt = DateTimeOffset.UtcNow;
            await poolSilo.KillAsync();

            // Until the pool answers every survivor again: the cluster declared the silo dead and activated it elsewhere.
            await Eventually.TrueAsync(
                () => survivors.All(h => cluster.LeasesOf(h).TimesUnreachable > 0 && cluster.LeasesOf(h).PoolAnswering),
                () => "the survivors picked locally, then the pool answered them again; logged: " + string.Join(" | ", cluster.Problems.Examples()),
                TimeSpan.FromSeconds(120));
            var poolBackAt = DateTimeOffset.UtcNow;
            await stop.CancelAsync();
            await dropping;
            var survivorsFiles = survivors.SelectMany(dropped.Of).ToList();
            await DeliveredAsync(devServices, survivorsFiles, () => string.Join(" | ", cluster.Problems.Examples()));

            var acknowledged = devServices.AllReceived.Where(r => survivorsFiles.Contains(r.FileName) && r.ReceivedAt >= killedAt && r.ReceivedAt <= poolBackAt)
                .Select(r => r.ReceivedAt).Order().ToList();
            var gap = LongestGap(killedAt, acknowledged, poolBackAt);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pool's silo killed; the pool answered every survivor again {(poolBackAt - killedAt).TotalSeconds:0.0} s later; meanwhile the survivors delivered {acknowledged.Count} files, longest gap between two {gap.TotalSeconds:0.00} s"));
            Assert.True(gap < MaxGap, $"longest gap {gap.TotalSeconds:0.00} s");
            Assert.True(acknowledged.Count > 0);

            // The lost host comes back (a new process, the same host id) and delivers what waited on its disk.
            await poolSilo.DisposeAsync();
            poolSilo = await StartSiloProcessAsync(root, lost, identity, redis, registry.Port);
            await DeliveredAsync(devServices, dropped.Names, () => poolSilo.Output);
        }
        finally
        {
            await poolSilo.DisposeAsync();
        }

        foreach (var (name, sha256) in dropped.Sha256)
        {
            var copies = devServices.AllReceived.Where(r => r.FileName == name).ToList();
            Assert.All(copies, copy => Assert.Equal(sha256, copy.Sha256Hex));
            // Only an upload the killed silo had running can have been sent twice (the crash window).
            Assert.True(copies.Count == 1 || lost.Owns(name), $"{name} arrived {copies.Count} times");
        }

        Assert.All(hosts, host => Assert.Equal(0, host.FilesLeftOnDisk()));
    }

    private static TimeSpan LongestGap(DateTimeOffset from, IReadOnlyList<DateTimeOffset> acknowledged, DateTimeOffset to)
    {
        var previous = from;
        var longest = TimeSpan.Zero;
        foreach (var at in acknowledged.Append(to))
        {
            longest = at - previous > longest ? at - previous : longest;
            previous = at;
        }

        return longest;
    }

    private static async Task<SiloProcess> StartSiloProcessAsync(TempDirectory root, ClusterHost host, ClusterIdentity identity, RedisServer redis, int registryPort)
    {
        var httpPort = FreePorts.Tcp();
        var silo = SiloProcess.Start(root.Path, new SiloSettings(host.HostId)
            .WithPorts(httpPort)
            .WithRegistry(registryPort)
            .WithFlowDirectory(host.FlowDirectory)
            .With(identity.SiloSettings(redis.ConnectionString))
            .ToEnvironment());
        try
        {
            await silo.WaitUntilHealthyAsync(httpPort, TimeSpan.FromSeconds(60));
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>One file per host every <see cref="DropEvery"/>, as the hosts' nfcapd would at a high rate, until stopped.</summary>
    private static async Task DropSteadilyAsync(IReadOnlyList<ClusterHost> hosts, Files dropped, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(DropEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (var host in hosts)
                {
                    dropped.Drop(host);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopped
        }
    }

    private static IReadOnlyList<string> Received(LoopbackDevServices devServices, IReadOnlyList<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        return devServices.AllReceived.Select(r => r.FileName).Where(wanted.Contains).ToList();
    }

    private static Task DeliveredAsync(LoopbackDevServices devServices, IReadOnlyList<string> names, Func<string> describe) =>
        DeliveryWait.UntilReceivedAsync(devServices.Connectors, names, received => $"{names.Count(received.Contains)} of {names.Count} delivered; {describe()}", TimeSpan.FromSeconds(90));

    /// <summary>The files dropped into the hosts' directories: names (carrying the host) and contents' SHA-256.</summary>
    private sealed class Files
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, string> _sha256 = new(StringComparer.Ordinal);
        private int _sequence;

        public IReadOnlyList<string> Names
        {
            get
            {
                lock (_lock)
                {
                    return [.. _sha256.Keys];
                }
            }
        }

        public IReadOnlyDictionary<string, string> Sha256
        {
            get
            {
                lock (_lock)
                {
                    return new Dictionary<string, string>(_sha256);
                }
            }
        }

        public IReadOnlyList<string> Of(ClusterHost host) => Names.Where(host.Owns).ToList();

        /// <summary>Renames one new, distinct flow file into the host's directory; its name.</summary>
        public string Drop(ClusterHost host)
        {
            var sequence = Interlocked.Increment(ref _sequence);
            var name = string.Create(CultureInfo.InvariantCulture, $"nfcapd.h{host.Index:D2}b00n{sequence:D7}");
            var content = FlowFiles.Distinct(sequence);
            FlowFiles.RenameInto(host.FlowDirectory, name, content);
            lock (_lock)
            {
                _sha256[name] = FlowFiles.Sha256(content);
            }

            return name;
        }
    }
}
