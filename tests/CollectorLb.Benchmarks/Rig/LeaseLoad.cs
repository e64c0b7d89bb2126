using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>
/// Leases taken and returned as fast as they come, from every silo at once through each silo's own lease service (the
/// path file grains use), with no upload in between: the pool's capacity without the cost of the files.
/// </summary>
internal static class LeaseLoad
{
    /// <summary>Acquire + release pairs completed in <paramref name="duration"/>, and requests that got no connector.</summary>
    public static async Task<(long Pairs, long Refused)> RunAsync(IReadOnlyList<ConnectorLeases> silos, int loopsPerSilo, TimeSpan duration)
    {
        var pairs = 0L;
        var refused = 0L;
        using var stop = new CancellationTokenSource(duration);
        var loops = new List<Task>();
        for (var silo = 0; silo < silos.Count; silo++)
        {
            for (var loop = 0; loop < loopsPerSilo; loop++)
            {
                var leases = silos[silo];
                var request = new LeaseRequest($"capacity-{silo}/{loop}/nfcapd.capacity", Scenarios.ScenarioSize.SmallFileBytes, []);
                loops.Add(Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        if (await leases.AcquireAsync(request) is not { } lease)
                        {
                            Interlocked.Increment(ref refused);
                            continue;
                        }

                        await leases.ReleaseAsync(lease, new LeaseOutcome(lease.LeaseId, Acknowledged: true, Scenarios.ScenarioSize.SmallFileBytes, TimeSpan.FromMilliseconds(1), null));
                        Interlocked.Increment(ref pairs);
                    }
                }));
            }
        }

        await Task.WhenAll(loops);
        return (pairs, refused);
    }
}
