namespace CollectorLb.Testing.Flows;

/// <summary>
/// Makes flow files for a scenario: each starts with a valid nfcapd header (so header checks pass), and no two are
/// alike. They are written under a hidden name (<see cref="StagedPrefix"/>, which the watcher ignores) in the flow
/// directory itself, so that putting one in place is a rename within the directory, exactly as nfcapd does.
/// </summary>
public static class FlowFileFactory
{
    public const string StagedPrefix = ".staged.";

    private const int ChunkBytes = 1024 * 1024;

    public static string Name(string prefix, int index) => $"{StagedPrefix}nfcapd.{prefix}{index:D7}";

    /// <summary>The name a staged file gets when it is put in place.</summary>
    public static string FinalName(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith(StagedPrefix, StringComparison.Ordinal) ? name[StagedPrefix.Length..] : name;
    }

    /// <summary>Writes <paramref name="count"/> files of <paramref name="sizeBytes"/> into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, string prefix, int count, long sizeBytes)
    {
        var header = FlowFiles.Sample(FlowFiles.EmptyIntervalSample);
        var filler = new byte[(int)Math.Min(Math.Max(sizeBytes, header.Length), ChunkBytes)];
        new Random(count).NextBytes(filler);
        var paths = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(folder, Name(prefix, i));
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                var firstChunk = filler.AsSpan(0, (int)Math.Min(sizeBytes, filler.Length)).ToArray();
                header.AsSpan(0, Math.Min(header.Length, firstChunk.Length)).CopyTo(firstChunk);
                FlowFiles.ShiftCreationTime(firstChunk, i + 1);
                file.Write(firstChunk);
                for (var written = (long)firstChunk.Length; written < sizeBytes; written += filler.Length)
                {
                    file.Write(filler.AsSpan(0, (int)Math.Min(filler.Length, sizeBytes - written)));
                }
            }

            paths.Add(path);
        }

        return paths;
    }

    /// <summary>Copies of a real nfcapd file with flows (about 15 KB), each with its own creation time, for connectors that run nfdump.</summary>
    public static IReadOnlyList<string> WriteRealFlows(string folder, string prefix, int count)
    {
        var sample = FlowFiles.Sample(FlowFiles.SmallSample);
        var paths = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var content = (byte[])sample.Clone();
            FlowFiles.ShiftCreationTime(content, i + 1);
            var path = Path.Combine(folder, Name(prefix, i));
            File.WriteAllBytes(path, content);
            paths.Add(path);
        }

        return paths;
    }
}
