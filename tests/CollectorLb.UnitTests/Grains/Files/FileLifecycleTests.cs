using CollectorLb.Abstractions.Files;
using CollectorLb.Grains.Files;

namespace CollectorLb.UnitTests.Grains.Files;

public class FileLifecycleTests
{
    [Fact]
    public void Next_HealthyPath_GoesDetectedDispatchingSentDeleted()
    {
        var status = FileStatus.Unknown;
        var seen = new List<FileStatus>();
        foreach (var fileEvent in new[] { FileEvent.Detected, FileEvent.AttemptStarted, FileEvent.Sent, FileEvent.Deleted })
        {
            status = FileLifecycle.Next(status, fileEvent);
            seen.Add(status);
        }

        Assert.Equal([FileStatus.Detected, FileStatus.Dispatching, FileStatus.Sent, FileStatus.Deleted], seen);
        Assert.True(FileLifecycle.IsFinal(status));
    }

    [Fact]
    public void Next_FailedAttempt_ReturnsToDetected()
    {
        Assert.Equal(FileStatus.Detected, FileLifecycle.Next(FileStatus.Dispatching, FileEvent.AttemptFailed));
    }

    [Theory]
    [InlineData(FileStatus.Detected, FileEvent.Sent)]
    [InlineData(FileStatus.Detected, FileEvent.Deleted)]
    [InlineData(FileStatus.Dispatching, FileEvent.Deleted)]
    [InlineData(FileStatus.Deleted, FileEvent.AttemptStarted)]
    [InlineData(FileStatus.Deleted, FileEvent.Detected)]
    [InlineData(FileStatus.Sent, FileEvent.AttemptFailed)]
    [InlineData(FileStatus.Quarantined, FileEvent.AttemptStarted)]
    public void Next_TransitionNotInTheMachine_Throws(FileStatus from, FileEvent fileEvent)
    {
        Assert.False(FileLifecycle.CanApply(from, fileEvent));
        Assert.Throws<InvalidOperationException>(() => FileLifecycle.Next(from, fileEvent));
    }

    [Fact]
    public void Apply_EachTransition_StampsItsTime()
    {
        var state = new FileState();
        var t0 = new DateTimeOffset(2026, 11, 27, 4, 40, 0, TimeSpan.Zero);

        state.Apply(FileEvent.Detected, t0);
        state.Apply(FileEvent.AttemptStarted, t0.AddSeconds(1));
        state.Apply(FileEvent.AttemptFailed, t0.AddSeconds(2));
        state.Apply(FileEvent.AttemptStarted, t0.AddSeconds(3));
        state.Apply(FileEvent.Sent, t0.AddSeconds(4));
        state.Apply(FileEvent.Deleted, t0.AddSeconds(5));

        Assert.Equal(FileStatus.Deleted, state.Status);
        Assert.Equal(t0, state.Timeline.DetectedAt);
        Assert.Equal(t0.AddSeconds(1), state.Timeline.FirstAttemptAt);
        Assert.Equal(t0.AddSeconds(3), state.Timeline.LastAttemptAt);
        Assert.Equal(t0.AddSeconds(4), state.Timeline.SentAt);
        Assert.Equal(t0.AddSeconds(5), state.Timeline.DeletedAt);
    }
}
