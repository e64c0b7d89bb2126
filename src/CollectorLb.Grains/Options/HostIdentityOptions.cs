using CollectorLb.Abstractions.Files;
using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Grains.Options;

/// <summary>The name of this collector host. Section <c>CollectorLb</c>.</summary>
public sealed class HostIdentityOptions : ISettingsSection
{
    public static string SectionName => "CollectorLb";

    /// <summary>Names this collector host in file keys, metrics and placement; stable across restarts. Defaults to the machine name.</summary>
    public string HostId { get; set; } = Environment.MachineName;

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        // The host id is the first part of every file key: what a key refuses, the setting refuses.
        if (string.IsNullOrWhiteSpace(HostId) || FileKey.FindHostIdProblem(HostId) is not null)
        {
            errors.Add(nameof(HostId), $"must be 1-{FileKey.MaxHostIdLength} characters without '/' or control characters, and not '.' or '..'; got '{HostId}'.");
        }
    }
}
