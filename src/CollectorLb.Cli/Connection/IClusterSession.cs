using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Client;

namespace CollectorLb.Cli;

/// <summary>A connection to the cluster for one command.</summary>
public interface IClusterSession : IAsyncDisposable
{
    IClusterViewGrain View { get; }
}

/// <summary>Opens a session; throws when the cluster cannot be reached within <paramref name="timeout"/>.</summary>
public delegate Task<IClusterSession> ClusterConnector(ClusterConnection connection, TimeSpan timeout, CancellationToken cancellationToken);
