using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Grains.Options;

/// <summary>Where this host's flow files are. Section <c>CollectorLb</c>; the host's name is <see cref="HostIdentityOptions"/>.</summary>
public sealed class SpoolOptions : ISettingsSection
{
    public static string SectionName => "CollectorLb";

    /// <summary>nfcapd's output directory, relative to the working directory unless absolute.</summary>
    public string FlowDirectory { get; set; } = "./netflows";

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
    }
}
