using System.Collections.Concurrent;
using CollectorLb.Abstractions.Connectors;

namespace CollectorLb.UnitTests.Grains.Connectors;

/// <summary>A connector pool grain whose answers a test decides: leases, failures, or no answer at all (a task that never ends).</summary>
internal sealed class ScriptedPool : IConnectorPoolGrain
{
    private long _nextLeaseId;

    public Func<LeaseRequest, Task<ConnectorLease?>> OnAcquire { get; set; }

    public Func<LeaseOutcome, Task<FailureScope>> OnRelease { get; set; } = _ => Task.FromResult(FailureScope.Downstream);

    public Func<Task<ConnectorPoolSnapshot>> OnSnapshot { get; set; }

    /// <summary>Every outcome a release carried, answered or not.</summary>
    public ConcurrentQueue<LeaseOutcome> Released { get; } = new();

    public int Acquires;

    public int SnapshotReads;

    public ScriptedPool(params ConnectorSnapshot[] connectors)
    {
        OnAcquire = _ => Task.FromResult<ConnectorLease?>(new ConnectorLease(Interlocked.Increment(ref _nextLeaseId), connectors[0].Name, connectors[0].BaseUrl));
        OnSnapshot = () => Task.FromResult(new ConnectorPoolSnapshot { Registry = "http://registry:5000", Policy = "least-outstanding", Connectors = connectors });
    }

    public static ConnectorSnapshot Connector(string name, int consecutiveFailures = 0, DateTimeOffset? ejectedUntil = null) =>
        new() { Name = name, BaseUrl = $"http://{name}:7000", ConsecutiveFailures = consecutiveFailures, EjectedUntil = ejectedUntil };

    /// <summary>A call the pool never answers, as when its silo is gone and nobody has said so yet.</summary>
    public static Task<T> NoAnswer<T>() => new TaskCompletionSource<T>().Task;

    public Task<ConnectorLease?> Acquire(LeaseRequest request)
    {
        Interlocked.Increment(ref Acquires);
        return OnAcquire(request);
    }

    public Task<FailureScope> Release(LeaseOutcome outcome)
    {
        Released.Enqueue(outcome);
        return OnRelease(outcome);
    }

    public Task<ConnectorPoolSnapshot> GetSnapshot()
    {
        Interlocked.Increment(ref SnapshotReads);
        return OnSnapshot();
    }
}
