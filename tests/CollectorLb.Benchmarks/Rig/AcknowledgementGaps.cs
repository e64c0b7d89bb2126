namespace CollectorLb.Benchmarks.Rig;

/// <summary>How long delivery stalled: the longest time without an acknowledged file of the counted hosts within a window.</summary>
internal static class AcknowledgementGaps
{
    /// <param name="acknowledgements">Stopwatch timestamps and file names, as <see cref="DeliveryTracker.Acknowledgements"/> gives them.</param>
    /// <param name="counts">Which files count (those of the surviving hosts).</param>
    /// <param name="from">Start of the window (Stopwatch timestamp): the time to the first acknowledgement counts as a gap.</param>
    /// <param name="to">End of the window: the time after the last acknowledgement counts too.</param>
    public static TimeSpan Longest(IReadOnlyList<(long At, string FileName)> acknowledgements, Func<string, bool> counts, long from, long to)
    {
        var previous = from;
        var longest = 0L;
        foreach (var (at, _) in acknowledgements.Where(a => a.At >= from && a.At <= to && counts(a.FileName)).OrderBy(a => a.At))
        {
            longest = Math.Max(longest, at - previous);
            previous = at;
        }

        longest = Math.Max(longest, to - previous);
        return TimeSpan.FromSeconds(longest / (double)Stopwatch.Frequency);
    }
}
