using System.Buffers.Binary;
using CollectorLb.Grains.Spool;
using CollectorLb.Testing.Paths;

namespace CollectorLb.Testing.Flows;

/// <summary>Real nfcapd files (the samples nfcapd 1.7.1 wrote) and distinct valid copies of them.</summary>
public static class FlowFiles
{
    public const string LargeSample = "nfcapd.20261127043614";
    public const string SmallSample = "nfcapd.20261127044054";
    public const string EmptyIntervalSample = "nfcapd.20261127044056";

    /// <summary>nfcapd 1.7.1 with no traffic at all: no data block, the appendix right after the header.</summary>
    public const string NoTrafficSample = "nfcapd.20261127063000";

    private static readonly ConcurrentDictionary<string, byte[]> Samples = new(StringComparer.Ordinal);

    public static string SamplePath(string name) => RepositoryPaths.Sample(name);

    /// <summary>A sample's bytes, read from disk once: a copy the caller may change.</summary>
    public static byte[] Sample(string name = SmallSample) => (byte[])Samples.GetOrAdd(name, n => File.ReadAllBytes(SamplePath(n))).Clone();

    /// <summary>A valid nfcapd file whose bytes differ from every other index: the header's creation time is changed.</summary>
    public static byte[] Distinct(int index, string sample = SmallSample)
    {
        var bytes = Sample(sample);
        ShiftCreationTime(bytes, index);
        return bytes;
    }

    /// <summary>Makes a copy unique and still valid: nfcapd's header keeps the file's creation time at offset 8.</summary>
    public static void ShiftCreationTime(byte[] content, long seconds)
    {
        if (content.Length >= 16)
        {
            var created = BinaryPrimitives.ReadInt64LittleEndian(content.AsSpan(8));
            BinaryPrimitives.WriteInt64LittleEndian(content.AsSpan(8), created + seconds);
        }
    }

    /// <summary>Writes a file elsewhere in <paramref name="flowDirectory"/>'s filesystem and renames it in, as nfcapd does.</summary>
    public static string RenameInto(string flowDirectory, string name, byte[] content)
    {
        var staging = Path.Combine(flowDirectory, $".staging-{Guid.NewGuid():N}");
        File.WriteAllBytes(staging, content);
        var target = Path.Combine(flowDirectory, name);
        File.Move(staging, target);
        return target;
    }

    /// <summary>
    /// Places a file as if claimed by an earlier run that stopped before delivering it: in its claim folder
    /// <paramref name="claim"/> under <paramref name="flowDirectory"/>'s spool. Returns its path.
    /// </summary>
    public static string PlaceClaimed(string flowDirectory, string claim, string name, byte[] content)
    {
        var claimed = Path.Combine(flowDirectory, FileSpool.InflightFolderName, claim);
        Directory.CreateDirectory(claimed);
        var path = Path.Combine(claimed, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Flow files anywhere below <paramref name="directory"/>, our hidden markers and staging files not counted; none when it does not exist.</summary>
    public static IReadOnlyList<string> Under(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).ToList()
            : [];
}
