using CollectorLb.Testing.Flows;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>Puts staged files in place by a rename within the flow directory, as nfcapd completes a file: all at once or at a steady rate.</summary>
internal static class FileDropper
{
    /// <summary>Every file at once; without a tracker (a backlog placed before the silo starts) nothing is timed.</summary>
    public static void DropAll(IReadOnlyList<string> paths, DeliveryTracker? tracker)
    {
        foreach (var path in paths)
        {
            Drop(path, tracker);
        }
    }

    /// <summary>Drops <paramref name="filesPerSecond"/> files a second, in small batches as time says they are due.</summary>
    public static async Task DropPacedAsync(IReadOnlyList<string> paths, double filesPerSecond, DeliveryTracker tracker)
    {
        var started = Stopwatch.GetTimestamp();
        var dropped = 0;
        while (dropped < paths.Count)
        {
            var due = Math.Min(paths.Count, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * filesPerSecond) + 1);
            for (; dropped < due; dropped++)
            {
                Drop(paths[dropped], tracker);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2));
        }
    }

    public static void Drop(string path, DeliveryTracker? tracker = null)
    {
        var name = FlowFileFactory.FinalName(path);
        File.Move(path, Path.Combine(Path.GetDirectoryName(path)!, name));
        tracker?.Dropped(name);
    }
}
