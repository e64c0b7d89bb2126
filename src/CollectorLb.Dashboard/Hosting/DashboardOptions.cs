using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Dashboard.Hosting;

/// <summary>The dashboard's own settings. Section <c>CollectorLb:Dashboard</c>.</summary>
public sealed class DashboardOptions : ISettingsSection
{
    private const int MinimumTokenLength = 12;

    public static string SectionName => "CollectorLb:Dashboard";

    /// <summary>Where the dashboard listens (all interfaces).</summary>
    [Setting(1, 65535)] public int HttpPort { get; set; } = 8080;

    /// <summary>
    /// The secret an operator presents to requeue files and to open <c>/orleans</c>. Empty: a random one is made
    /// at start and written to the log, so actions stay possible but only for whoever can read the log.
    /// </summary>
    public string? OperatorToken { get; set; }

    /// <summary>How often live pages get a new overview.</summary>
    [Setting(0.2, 3600)] public double RefreshSeconds { get; set; } = 2;

    public TimeSpan RefreshPeriod => TimeSpan.FromSeconds(RefreshSeconds);

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        if (!string.IsNullOrEmpty(OperatorToken) && OperatorToken.Length < MinimumTokenLength)
        {
            errors.Add(nameof(OperatorToken), $"must be at least {MinimumTokenLength} characters long.");
        }
    }
}
