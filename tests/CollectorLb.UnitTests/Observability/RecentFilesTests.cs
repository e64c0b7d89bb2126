using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Delivery;
using CollectorLb.Grains.Files;
using CollectorLb.Silo.Observability;

namespace CollectorLb.UnitTests.Observability;

public class RecentFilesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_SameFileTwice_KeepsOnlyItsLatestSnapshot()
    {
        var recent = new RecentFiles();
        recent.Record(File("a", FileStatus.Detected, 0));
        recent.Record(File("a", FileStatus.Deleted, 1));

        var only = Assert.Single(recent.Query(new FileQuery()));
        Assert.Equal(FileStatus.Deleted, only.Status);
    }

    [Fact]
    public void Record_OverCapacity_EvictsTheOldestFinishedFileBeforeAnyInProgress()
    {
        var recent = new RecentFiles();
        recent.Record(File("waiting", FileStatus.Detected, 0));
        for (var i = 0; i < RecentFiles.Capacity; i++)
        {
            recent.Record(File($"done-{i}", FileStatus.Deleted, 1 + i));
        }

        recent.Record(File("new", FileStatus.Detected, 1 + RecentFiles.Capacity));

        var kept = recent.Query(new FileQuery { Limit = RecentFiles.Capacity }).Select(f => f.FileName).ToHashSet();
        Assert.Equal(RecentFiles.Capacity, recent.Count);
        Assert.Contains("waiting", kept);
        Assert.Contains("new", kept);
        Assert.DoesNotContain("done-0", kept);
        Assert.DoesNotContain("done-1", kept);
        Assert.Contains("done-2", kept);
    }

    [Fact]
    public void Query_ByStateHostAndLimit_ReturnsMatchingFilesNewestFirst()
    {
        var recent = new RecentFiles();
        recent.Record(File("a", FileStatus.Deleted, 0));
        recent.Record(File("b", FileStatus.Quarantined, 1));
        recent.Record(File("c", FileStatus.Deleted, 2));
        recent.Record(File("d", FileStatus.Deleted, 3, host: "other"));

        Assert.Equal(["d", "c", "a"], recent.Query(new FileQuery { Status = FileStatus.Deleted }).Select(f => f.FileName));
        Assert.Equal(["c", "a"], recent.Query(new FileQuery { Status = FileStatus.Deleted, HostId = "host-a" }).Select(f => f.FileName));
        Assert.Equal(["d"], recent.Query(new FileQuery { Limit = 1 }).Select(f => f.FileName));
    }

    [Fact]
    public void FileStatistics_Transitions_CountFilesByTheirCurrentStateAndTheTotals()
    {
        var time = new FakeTimeProvider(Start);
        var window = new StatisticsWindow(time);
        var statistics = new FileStatistics(window, time);
        statistics.OnTransition(new(FileEvent.Detected, File("a", FileStatus.Detected, 0), FileStatus.Unknown));
        statistics.OnTransition(new(FileEvent.Detected, File("b", FileStatus.Detected, 0), FileStatus.Unknown));
        statistics.OnTransition(new(FileEvent.AttemptStarted, File("a", FileStatus.Dispatching, 1), FileStatus.Detected));
        statistics.OnTransition(new(FileEvent.Sent, File("a", FileStatus.Sent, 2), FileStatus.Dispatching) { Connector = "c1", Upload = UploadResult.Success(4096, TimeSpan.FromSeconds(1)) });
        statistics.OnTransition(new(FileEvent.Deleted, File("a", FileStatus.Deleted, 3), FileStatus.Sent));

        // A file that was mid-way in an earlier run of the silo is never counted below zero.
        statistics.OnTransition(new(FileEvent.AttemptFailed, File("c", FileStatus.Detected, 4), FileStatus.Dispatching));

        Assert.Equal(new FileStateCounts { Detected = 2, Dispatching = 0, Sent = 0, Deleted = 1 }, statistics.Counts());
        Assert.Equal(3, statistics.Recent.Count);
        var totals = statistics.Totals();
        Assert.Equal((2, 1, 1, 4096, 0), (totals.FilesDetected, totals.FilesDelivered, totals.FilesDeleted, totals.BytesDelivered, totals.UploadFailures));
        Assert.Equal(1, Assert.Single(window.Snapshot()).FilesDelivered);
    }

    private static FileSnapshot File(string name, FileStatus status, int second, string host = "host-a") => new()
    {
        Key = $"{host}/claim/{name}",
        FileName = name,
        HostId = host,
        Status = status,
        Timeline = new FileTimeline { DetectedAt = Start.AddSeconds(second) },
    };
}
