namespace CollectorLb.Grains.Options;

/// <summary>Where this host's flow files are, and the name of this host. Section <c>CollectorLb</c>.</summary>
public sealed class SpoolOptions
{
    public const string SectionName = "CollectorLb";

    /// <summary>nfcapd's output directory, relative to the working directory unless absolute.</summary>
    public string FlowDirectory { get; set; } = "./netflows";

    /// <summary>Names this collector host in file keys; stable across restarts. Defaults to the machine name.</summary>
    public string HostId { get; set; } = Environment.MachineName;

    public string FlowDirectoryFullPath => Path.GetFullPath(FlowDirectory);
}
