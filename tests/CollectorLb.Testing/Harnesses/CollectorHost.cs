using CollectorLb.Grains.Spool;
using CollectorLb.Testing.Flows;
using CollectorLb.Testing.Network;

namespace CollectorLb.Testing.Harnesses;

/// <summary>One collector host of a <see cref="RedisClusterHarness"/>: its id, its own flow directory and the files dropped there.</summary>
public sealed class CollectorHost(int index, string hostId, string flowDirectory)
{
    public int Index { get; } = index;

    public string HostId { get; } = hostId;

    public string FlowDirectory { get; } = flowDirectory;

    /// <summary>The silo's port, kept across restarts as a host's is.</summary>
    public int SiloPort { get; } = FreePorts.Tcp();

    public int GatewayPort { get; } = FreePorts.Tcp();

    /// <summary>File name -> sha256 of every file dropped into this host's directory.</summary>
    public Dictionary<string, string> Dropped { get; } = [];

    /// <summary>Flow files still in the flow directory or the spool (our hidden markers not counted).</summary>
    public IReadOnlyList<string> FilesOnDisk() => FlowFiles.Under(FlowDirectory);

    /// <summary>Flow files claimed into this host's spool and not yet delivered.</summary>
    public IReadOnlyList<string> SpooledFiles() => FlowFiles.Under(SpoolDirectory);

    public string SpoolDirectory => Path.Combine(FlowDirectory, FileSpool.InflightFolderName);
}
