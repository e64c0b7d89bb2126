using CollectorLb.Benchmarks.Report;
using CollectorLb.Benchmarks.Rig;
using CollectorLb.Grains.Options;
using CollectorLb.Testing.Cluster;
using CollectorLb.Testing.Network;
using CollectorLb.Testing.Silos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollectorLb.Benchmarks.Scenarios;

/// <summary>
/// g. Collector hosts as one cluster (in-process silos on Redis membership, storage and reminders; each its own flow
/// directory) sharing one connector pool grain and 4 instant DevServices connectors: the cluster's files/s and the
/// pool's calls and turns for each cluster size, the pool's capacity with no uploads, and how long delivery stalls on
/// the surviving hosts when the pool's silo is killed (production membership timings).
/// </summary>
internal sealed class ScaleScenario : IScenario
{
    private const double MaxPoolBusyShare = 0.5;
    private const int Connectors = 4;
    private static readonly TimeSpan MaxFailoverGap = TimeSpan.FromSeconds(5);

    public string Id => "g";

    public string Title => "N silos on Redis, one connector pool, 4 instant connectors";

    public async Task RunAsync(ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        using var work = new WorkDirectory("g");
        using var connectorsWork = new WorkDirectory("g-connectors", inMemory: true);
        await using var redis = await RedisProcess.StartAsync();
        await using var rig = await ConnectorRig.StartAsync(connectorsWork.Path, ConnectorSpec.Many(Connectors, ConnectorSpec.Instant));
        var turns = new PoolTurnMeter();
        var largest = size.ScaleSilos.Max();
        foreach (var silos in size.ScaleSilos)
        {
            log.WriteLine($"  g: {silos} silos");
            var folder = work.Folder($"cluster-{silos}");
            var hosts = Enumerable.Range(0, silos).Select(i => ClusterHost.Create(folder, i)).ToList();
            await using var cluster = await CollectorCluster.StartAsync(hosts, ClusterIdentity.New($"g{silos}"), redis.ConnectionString, rig.Registry.Port, turns, size.FastFailureDetection);
            await DeliverAsync(rig, hosts.Select(h => h.MakeFiles(size.ScaleWarmUpFilesPerHost)).ToList(), size.Timeout, () => Describe(cluster));
            var backlog = await BacklogAsync(cluster, rig, redis, turns, silos == largest ? size.RecoveryFilesPerHost : size.ScaleFilesPerHost, size, report, log);
            if (silos == largest)
            {
                await CapacityAsync(cluster, turns, backlog, size, report, log);
            }
        }

        await FailoverAsync(work, redis, rig, turns, largest, size, report, log);
        report.Notes.Add(
            "g: the silos run in the benchmark process, each composed like the silo program (its defaults, AddCollectorLbSilo in Redis mode with the "
            + "Orleans dashboard, the collector's services; its own Orleans runtime; loopback TCP between silos), without the Prometheus telemetry "
            + "(Orleans' instruments are process-wide, so each silo would aggregate all the others' measurements) and logging warnings and errors only; "
            + "Redis holds membership, grain state and reminders; the connectors are the DevServices ones of a-f. Silos that share a process cannot be "
            + "told apart in /proc, so the pool's cost is measured where it is spent: a grain call filter (the benchmark's only) times each call's turn "
            + "on the pool's activation, from its invocation to its first yield (Orleans' messaging around it is not in it), and the busy share is the "
            + "sum of those turns over the wall time. CPU per file is the whole process's (every silo, the connectors and the driver) plus Redis's. "
            + "For the failover the pool's silo is the silo program in its own process (host-01, alone when the first file comes, so the pool activates "
            + "there), killed with SIGKILL, with the other hosts in this process: a silo stopped inside a process still writes itself dead in the "
            + "membership table on its way out, so the cluster would know at once, which a crashed process never does.");
    }

    /// <summary>Drops every host's files at once (interleaved by host) and waits until all are acknowledged.</summary>
    private static async Task<DeliveryTracker> DeliverAsync(ConnectorRig rig, IReadOnlyList<IReadOnlyList<string>> filesByHost, TimeSpan timeout, Func<string> describe)
    {
        var all = Interleave(filesByHost);
        var tracker = rig.Track(new DeliveryTracker(all.Count));
        FileDropper.DropAll(all, tracker);
        await tracker.WaitAsync(timeout, describe);
        return tracker;
    }

    private static async Task<BacklogResult> BacklogAsync(
        CollectorCluster cluster, ConnectorRig rig, RedisProcess redis, PoolTurnMeter turns, int filesPerHost, ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        var silos = cluster.Hosts.Count;
        var files = cluster.Hosts.Select(h => h.MakeFiles(filesPerHost)).ToList();
        var unreachableBefore = TimesUnreachable(cluster);
        var cpu = CpuMeter.Start();
        var redisCpu = redis.Cpu;
        turns.Restart();
        var run = await DeliverAsync(rig, files, size.Timeout + TimeSpan.FromSeconds(filesPerHost * silos / 500.0), () => Describe(cluster));
        var pool = turns.Read();
        var (_, processCpu) = cpu.Stop();
        var spentByRedis = redis.Cpu - redisCpu;
        var emptied = await WaitUntilDiskEmptyAsync(cluster.Hosts, TimeSpan.FromSeconds(30));
        var left = cluster.Hosts.Sum(h => h.FilesLeftOnDisk());
        var rate = run.Expected / run.Elapsed.TotalSeconds;
        var unreachable = TimesUnreachable(cluster) - unreachableBefore;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  g: {silos} silos drained {run.Expected} files in {run.Elapsed.TotalSeconds:0.0} s ({rate:0} files/s); pool {pool.PerSecond(pool.CallsOf("Acquire")):0} acquire/s, turns p50 {pool.P50Microseconds:0.0} us p99 {pool.P99Microseconds:0.0} us, busy {pool.BusyShare:P1}"));

        var cpuPerFile = string.Create(CultureInfo.InvariantCulture,
            $"CPU per file: process (all silos, connectors, driver) {processCpu.TotalMilliseconds / run.Expected:0.00} ms + Redis {spentByRedis.TotalMilliseconds / run.Expected:0.00} ms");
        report.Rows.Add(new ResultRow(
            $"{silos} silos, {silos} x {Figures.Count(filesPerHost)} files at once",
            Figures.PerSecond(rate, "files"),
            Detail: $"{Figures.Seconds(run.Elapsed)} to drain; {PoolDetail(pool)}; {cpuPerFile}; pool unreachable (local picks) {unreachable} times; "
                    + $"duplicates {run.Duplicates}; left on disk {left}; logged above info: {cluster.Problems.Describe()}"));
        var result = new BacklogResult(silos, rate);
        if (silos == size.ScaleSilos.Max())
        {
            report.Targets.Add(new TargetCheck(
                $"{silos} silos at the cluster's saturated throughput: the pool's turns take < {MaxPoolBusyShare:P0} of the wall time",
                $"{pool.BusyShare:P1} ({Figures.PerSecond(rate, "files")}, {Figures.PerSecond(pool.PerSecond(pool.Calls), "pool calls")})",
                pool.BusyShare < MaxPoolBusyShare));
            report.Targets.Add(new TargetCheck(
                $"backlog recovery of {silos} hosts x {Figures.Count(filesPerHost)} files: every file delivered once, the pool not the limit",
                $"left on disk {left}, duplicates {run.Duplicates}, CollectorLb errors {cluster.Problems.Ours(LogLevel.Error)}; pool busy {pool.BusyShare:P1}",
                emptied && run.Duplicates == 0 && cluster.Problems.Ours(LogLevel.Error) == 0 && pool.BusyShare < MaxPoolBusyShare));
        }

        return result;
    }

    private static async Task CapacityAsync(CollectorCluster cluster, PoolTurnMeter turns, BacklogResult backlog, ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        var leases = cluster.Hosts.Select(cluster.LeasesOf).ToList();

        // As many requesters as the connectors' caps allow in all (4 x 16): none waits for a free connector.
        var loopsPerSilo = Math.Max(1, Connectors * new ConnectorPoolOptions().MaxInFlightPerConnector / leases.Count);
        await LeaseLoad.RunAsync(leases, loopsPerSilo, TimeSpan.FromSeconds(Math.Min(1, size.CapacityDuration.TotalSeconds)));
        turns.Restart();
        var started = Stopwatch.GetTimestamp();
        var (pairs, refused) = await LeaseLoad.RunAsync(leases, loopsPerSilo, size.CapacityDuration);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var pool = turns.Read();
        var perSecond = pairs / elapsed.TotalSeconds;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  g: pool alone: {perSecond:0} acquire+release pairs/s from {leases.Count} silos x {loopsPerSilo}; turns p50 {pool.P50Microseconds:0.0} us p99 {pool.P99Microseconds:0.0} us, busy {pool.BusyShare:P1}"));
        report.Rows.Add(new ResultRow(
            $"the pool alone: {leases.Count} silos x {loopsPerSilo} requesters, acquire + release, no uploads",
            Figures.PerSecond(perSecond, "pairs"),
            Reference: Figures.PerSecond(backlog.FilesPerSecond, "files") + $" ({backlog.Silos} silos' backlog)",
            Ratio: Figures.Percent(backlog.FilesPerSecond / perSecond) + " of it used",
            Detail: $"{PoolDetail(pool)}; requests refused {refused}; {Figures.Seconds(elapsed)}"));
        report.Targets.Add(new TargetCheck(
            $"the pool's isolated capacity (acquire + release pairs/s from {leases.Count} silos, no uploads) is reported",
            Figures.PerSecond(perSecond, "pairs") + $"; the {backlog.Silos}-silo backlog used {Figures.Percent(backlog.FilesPerSecond / perSecond)} of it",
            pairs > 0 && refused == 0));
    }

    /// <summary>
    /// Every host delivers at a steady rate; the silo with the pool (its own process) is killed; the surviving hosts'
    /// longest gap between two acknowledged files is the stall. The lost host is then started again and delivers what
    /// waited on its disk.
    /// </summary>
    private static async Task FailoverAsync(WorkDirectory work, RedisProcess redis, ConnectorRig rig, PoolTurnMeter turns, int silos, ScenarioSize size, ScenarioReport report, TextWriter log)
    {
        log.WriteLine($"  g: failover, {silos} silos");
        var identity = ClusterIdentity.New("gfail");
        var folder = work.Folder("failover");
        var hosts = Enumerable.Range(0, silos).Select(i => ClusterHost.Create(folder, i)).ToList();
        var lost = hosts[0];
        var survivors = hosts.Skip(1).ToList();
        var poolSilo = await StartSiloProcessAsync(work, lost, identity, redis, rig);
        try
        {
            // The first silo is alone when the first file comes, so the pool activates on it.
            await DeliverAsync(rig, [lost.MakeFiles(size.ScaleWarmUpFilesPerHost)], size.Timeout, () => poolSilo.OutputTail());
            await using var cluster = await CollectorCluster.StartAsync(survivors, identity, redis.ConnectionString, rig.Registry.Port, turns, size.FastFailureDetection);
            await DeliverAsync(rig, survivors.Select(h => h.MakeFiles(size.ScaleWarmUpFilesPerHost)).ToList(), size.Timeout, () => Describe(cluster));
            if (await cluster.PoolHostAsync() is { } elsewhere)
            {
                throw new InvalidOperationException($"The pool moved to {elsewhere.HostId}; the failover needs it on {lost.HostId}. {await cluster.PoolActivationsAsync()}");
            }

            var perHost = (int)Math.Ceiling(size.FailoverFilesPerSecondPerHost * (size.FailoverLead + size.FailoverWindow).TotalSeconds);
            var files = Interleave(hosts.Select(h => h.MakeFiles(perHost)).ToList());
            var tracker = rig.Track(new DeliveryTracker(files.Count));
            var leases = survivors.Select(cluster.LeasesOf).ToList();
            var unreachableBefore = leases.Sum(l => l.TimesUnreachable);
            var membership = cluster.SiloOf(survivors[0]).Services.GetRequiredService<IClusterMembershipService>();
            var lostAddress = membership.CurrentSnapshot.Members.Values.Single(m => m.Name == lost.HostId && m.Status == SiloStatus.Active).SiloAddress;

            var dropping = FileDropper.DropPacedAsync(files, size.FailoverFilesPerSecondPerHost * hosts.Count, tracker);
            var started = Stopwatch.GetTimestamp();
            await Task.Delay(size.FailoverLead / 2);
            var (poolSiloCpu, processCpu, measuredFrom) = (CpuMeter.Of(poolSilo.ProcessId), Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.GetTimestamp());
            await Task.Delay(size.FailoverLead / 2);
            var measured = Stopwatch.GetElapsedTime(measuredFrom);
            var poolSiloCores = (CpuMeter.Of(poolSilo.ProcessId) - poolSiloCpu) / measured;
            var othersCores = (Process.GetCurrentProcess().TotalProcessorTime - processCpu) / measured;
            var killedAt = Stopwatch.GetTimestamp();
            await poolSilo.KillAsync();
            log.WriteLine($"  g: killed {lost.HostId}, the pool's silo");

            // Until the files stop coming: when the survivors turned to local picks, when the pool answered them all again, when the cluster declared the silo dead.
            TimeSpan? localFrom = null, poolBack = null, declaredDead = null;
            while (!dropping.IsCompleted)
            {
                var since = Stopwatch.GetElapsedTime(killedAt);
                localFrom ??= leases.Sum(l => l.TimesUnreachable) > unreachableBefore ? since : null;
                poolBack ??= localFrom is not null && leases.All(l => l.PoolAnswering) ? since : null;
                declaredDead ??= membership.CurrentSnapshot.GetSiloStatus(lostAddress) == SiloStatus.Dead ? since : null;
                await Task.WhenAny(dropping, Task.Delay(100));
            }

            await dropping;
            var droppedAll = Stopwatch.GetTimestamp();
            bool OfSurvivor(string name) => survivors.Any(h => h.Owns(name));
            var gapBefore = AcknowledgementGaps.Longest(tracker.Acknowledgements, OfSurvivor, started + Stopwatch.Frequency, killedAt);
            var gap = AcknowledgementGaps.Longest(tracker.Acknowledgements, OfSurvivor, killedAt, droppedAll);
            var poolBackAt = killedAt + (long)((poolBack ?? size.FailoverWindow).TotalSeconds * Stopwatch.Frequency);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  g: longest gap on the survivors {gap.TotalSeconds:0.00} s (before the kill {gapBefore.TotalSeconds:0.00} s); local picks from {Seconds(localFrom)}, pool back {Seconds(poolBack)}, declared dead {Seconds(declaredDead)}"));

            // The lost host comes back (same host id, a new silo) and delivers what waited on its disk.
            await poolSilo.DisposeAsync();
            poolSilo = await StartSiloProcessAsync(work, lost, identity, redis, rig);
            await tracker.WaitAsync(size.Timeout, () => Describe(cluster) + $" {lost.HostId}'s log ends:\n{poolSilo.OutputTail()}");
            var duringOutage = LatencySummary.Of(tracker.LatencyMillisecondsOf(OfSurvivor, killedAt, poolBackAt).ToList());
            var afterOutage = LatencySummary.Of(tracker.LatencyMillisecondsOf(OfSurvivor, poolBackAt, droppedAll).ToList());
            var emptied = await WaitUntilDiskEmptyAsync(hosts, TimeSpan.FromSeconds(30));
            var left = hosts.Sum(h => h.FilesLeftOnDisk());
            var duplicatesOfSurvivors = tracker.DuplicateNames.Count(OfSurvivor);
            var duplicatesOfLost = tracker.DuplicateNames.Count(lost.Owns);
            var maxInFlight = new DeliveryOptions().MaxUploadsInFlight;
            var membershipTimings = size.FastFailureDetection ? "fast failure detection (1 s probes, smoke run)" : "production membership timings";

            report.Rows.Add(new ResultRow(
                $"CPU of the pool's silo and of the others, {hosts.Count} silos at {size.FailoverFilesPerSecondPerHost:0} files/s each, before the kill",
                string.Create(CultureInfo.InvariantCulture, $"pool's silo {poolSiloCores:0.000} cores"),
                Reference: string.Create(CultureInfo.InvariantCulture, $"{othersCores / survivors.Count:0.000} cores per other silo"),
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"the pool's silo ({lost.HostId}) is the silo program in its own process (with its Prometheus telemetry, which the in-process silos leave out): the pool plus its own host's files; the other {survivors.Count} silos share this process "
                    + $"with the connectors and the driver, which used {othersCores:0.000} cores in all (so per silo at most that / {survivors.Count}); {Figures.Seconds(measured)} measured")));
            report.Rows.Add(new ResultRow(
                $"{hosts.Count} silos at {size.FailoverFilesPerSecondPerHost:0} files/s each; the pool's silo ({lost.HostId}, its own process) killed with SIGKILL, {membershipTimings}",
                $"longest gap {gap.TotalSeconds:0.00} s",
                Reference: $"before the kill {gapBefore.TotalSeconds:0.00} s",
                Detail: $"on the {survivors.Count} surviving hosts, between two acknowledged files, from the kill until the files stopped coming ({(droppedAll - killedAt) / (double)Stopwatch.Frequency:0} s later); "
                        + $"the survivors picked connectors themselves from {Seconds(localFrom)} after the kill until the pool answered them all again at {Seconds(poolBack)}; "
                        + $"the cluster declared the silo dead at {Seconds(declaredDead)}; survivors' files put in place between the kill and the pool's return: {duringOutage.Count}, "
                        + $"in place -> acknowledged p50/p99/max {duringOutage.P50:0} / {duringOutage.P99:0} / {duringOutage.Max:0} ms (after: {afterOutage.P50:0} / {afterOutage.P99:0} / {afterOutage.Max:0} ms); "
                        + $"after the lost host's restart: left on disk {left}, "
                        + $"duplicates {duplicatesOfLost} of its files and {duplicatesOfSurvivors} of the survivors'; logged above info: {cluster.Problems.Describe()}"));
            report.Notes.Add("g, failover: the first entry of each kind logged above info by the in-process silos: " + string.Join(" | ", cluster.Problems.Examples()));
            report.Targets.Add(new TargetCheck(
                $"pool's silo killed ({membershipTimings}): longest gap between acknowledged files on the surviving hosts < {MaxFailoverGap.TotalSeconds:0} s",
                $"{gap.TotalSeconds:0.00} s",
                gap < MaxFailoverGap));
            report.Targets.Add(new TargetCheck(
                $"failover: nothing lost; duplicates only of the killed host's files (at most its {maxInFlight} upload slots)",
                $"left on disk {left}; duplicates: killed host {duplicatesOfLost}, survivors {duplicatesOfSurvivors}",
                emptied && duplicatesOfSurvivors == 0 && duplicatesOfLost <= maxInFlight));
        }
        finally
        {
            await poolSilo.DisposeAsync();
        }
    }

    /// <summary>A host's silo as the silo program in its own process, in <paramref name="identity"/>'s cluster.</summary>
    private static async Task<SiloProcess> StartSiloProcessAsync(WorkDirectory work, ClusterHost host, ClusterIdentity identity, RedisProcess redis, ConnectorRig rig)
    {
        var settings = identity.SiloSettings(redis.ConnectionString);
        settings["HostId"] = host.HostId;
        var workDirectory = work.Folder($"{host.HostId}-{Guid.NewGuid():N}"[..16]);
        var httpPort = FreePorts.Tcp();
        var environment = new SiloSettings("bench")
            .WithPorts(httpPort)
            .WithRegistry(rig.Registry.Port)
            .WithFlowDirectory(host.FlowDirectory)
            .With(settings)
            .ToEnvironment();
        var silo = SiloProcess.Start(workDirectory, environment, logPath: Path.Combine(workDirectory, "silo.log"));
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

    private static string PoolDetail(PoolTurns pool) => string.Create(CultureInfo.InvariantCulture,
        $"pool: {pool.PerSecond(pool.CallsOf("Acquire")):#,0} acquire/s + {pool.PerSecond(pool.CallsOf("Release")):#,0} release/s, turns p50 {pool.P50Microseconds:0.0} us, p99 {pool.P99Microseconds:0.0} us, max {pool.MaxMicroseconds:#,0} us, busy {pool.BusyShare:P1} of the wall time");

    private static string Seconds(TimeSpan? since) => since is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0.0} s") : "never";

    private static int TimesUnreachable(CollectorCluster cluster) => cluster.Hosts.Sum(h => cluster.LeasesOf(h).TimesUnreachable);

    private static IReadOnlyList<string> Interleave(IReadOnlyList<IReadOnlyList<string>> lists)
    {
        var all = new List<string>(lists.Sum(l => l.Count));
        for (var i = 0; i < lists.Max(l => l.Count); i++)
        {
            all.AddRange(lists.Where(l => i < l.Count).Select(l => l[i]));
        }

        return all;
    }

    private static async Task<bool> WaitUntilDiskEmptyAsync(IReadOnlyList<ClusterHost> hosts, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (hosts.Any(h => h.FilesLeftOnDisk() > 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static string Describe(CollectorCluster cluster) =>
        $"Files on disk: {string.Join(", ", cluster.Hosts.Select(h => $"{h.HostId}={h.FilesLeftOnDisk()}"))}. Logged: {string.Join(" | ", cluster.Problems.FirstLines.Take(10))}";

    private sealed record BacklogResult(int Silos, double FilesPerSecond);
}
