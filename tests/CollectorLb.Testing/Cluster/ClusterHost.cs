using CollectorLb.Testing.Flows;

namespace CollectorLb.Testing.Cluster;

/// <summary>One collector host of a <see cref="CollectorCluster"/>: its id and its own flow directory, where its files are staged and dropped.</summary>
public sealed class ClusterHost(int index, string hostId, string flowDirectory)
{
    private int _batch;

    /// <summary>Host number <paramref name="index"/> + 1 (host-01, host-02, ...), its flow directory under <paramref name="folder"/>.</summary>
    public static ClusterHost Create(string folder, int index)
    {
        var hostId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"host-{index + 1:D2}");
        var flowDirectory = Path.Combine(folder, hostId, "netflows");
        Directory.CreateDirectory(flowDirectory);
        return new ClusterHost(index, hostId, flowDirectory);
    }

    public int Index { get; } = index;

    public string HostId { get; } = hostId;

    public string FlowDirectory { get; } = flowDirectory;

    /// <summary>The size of the files a host makes: small, as most intervals' files are.</summary>
    public const long FileBytes = 4096;

    /// <summary>Small files staged under hidden names in the flow directory; their names carry the host, so they are unique in the cluster.</summary>
    public IReadOnlyList<string> MakeFiles(int count) =>
        FlowFileFactory.Write(FlowDirectory, $"h{Index:D2}b{++_batch:D2}n", count, FileBytes);

    /// <summary>True for the names of files this host's <see cref="MakeFiles"/> made.</summary>
    public bool Owns(string fileName) => fileName.StartsWith($"nfcapd.h{Index:D2}b", StringComparison.Ordinal);

    /// <summary>Flow files still in the flow directory or its spool (staged files not counted).</summary>
    public int FilesLeftOnDisk() => Directory.EnumerateFiles(FlowDirectory, "*", SearchOption.AllDirectories)
        .Count(path => !Path.GetFileName(path).StartsWith(FlowFileFactory.StagedPrefix, StringComparison.Ordinal));
}
