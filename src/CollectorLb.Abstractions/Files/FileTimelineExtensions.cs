namespace CollectorLb.Abstractions.Files;

public static class FileTimelineExtensions
{
    /// <summary>The latest moment on the timeline: how recent lists of files are ordered.</summary>
    public static DateTimeOffset? LastChangeAt(this FileTimeline timeline) =>
        new[] { timeline.DetectedAt, timeline.FirstAttemptAt, timeline.LastAttemptAt, timeline.SentAt, timeline.DeletedAt, timeline.QuarantinedAt }.Max();
}
