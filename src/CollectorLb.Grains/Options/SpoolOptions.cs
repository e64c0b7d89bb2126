using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Grains.Options;

/// <summary>Where this host's flow files are, and the name of this host. Section <c>CollectorLb</c>.</summary>
public sealed class SpoolOptions : ISettingsSection
{
    public static string SectionName => "CollectorLb";

    /// <summary>nfcapd's output directory, relative to the working directory unless absolute.</summary>
    public string FlowDirectory { get; set; } = "./netflows";

    /// <summary>Names this collector host in file keys; stable across restarts. Defaults to the machine name.</summary>
    public string HostId { get; set; } = Environment.MachineName;

    /// <summary>Where files that must not be retried go, under their own names with a JSON sidecar; default <c>&lt;flow dir&gt;/quarantine</c>.</summary>
    public string? QuarantineDirectory { get; set; }

    public string FlowDirectoryFullPath => Path.GetFullPath(FlowDirectory);

    public string QuarantineDirectoryFullPath => Path.GetFullPath(QuarantineDirectory ?? Path.Combine(FlowDirectory, "quarantine"));

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        if (string.IsNullOrWhiteSpace(FlowDirectory))
        {
            errors.Add(nameof(FlowDirectory), "must name a directory.");
        }

        // The host id is the first part of every file key: what a key refuses, the setting refuses.
        if (string.IsNullOrWhiteSpace(HostId) || HostId.Length > 200 || FileKey.FindHostOrClaimProblem(HostId) is not null)
        {
            errors.Add(nameof(HostId), $"must be 1-200 characters without '/' or control characters, and not '.' or '..'; got '{HostId}'.");
        }
    }
}
