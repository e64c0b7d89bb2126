using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;

namespace CollectorLb.Grains.ClusterView;

/// <summary>This silo's in-memory statistics, provided by the host (the silo keeps them off the grains' hot path).</summary>
public interface IHostStatisticsSource
{
    HostStatistics Capture();

    /// <summary>The most recently changed files matching <paramref name="query"/>, newest first.</summary>
    IReadOnlyList<FileSnapshot> RecentFiles(FileQuery query);
}
