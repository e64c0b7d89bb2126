using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Silo.Configuration;

/// <summary>The supervised nfcapd. Section <c>CollectorLb:Nfcapd</c>; NFCAPD_PORT and NFCAPD_INTERVAL_SECONDS map here.</summary>
public sealed class NfcapdOptions : ISettingsSection
{
    public static string SectionName => "CollectorLb:Nfcapd";

    /// <summary>False when something else writes the flow directory; the silo then only ships what appears there.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The nfcapd program: a name looked up on PATH, or a path.</summary>
    public string Executable { get; set; } = "nfcapd";

    /// <summary>UDP port for NetFlow/IPFIX (NFCAPD_PORT).</summary>
    [Setting(1, 65535, Legacy = "NFCAPD_PORT")] public int Port { get; set; } = 9999;

    /// <summary>Rotation interval, nfcapd's <c>-t</c> (NFCAPD_INTERVAL_SECONDS).</summary>
    [Setting(2, 86400, Legacy = "NFCAPD_INTERVAL_SECONDS")] public int IntervalSeconds { get; set; } = 60;

    /// <summary>Address to bind (<c>-b</c>); all addresses when empty.</summary>
    public string? BindAddress { get; set; }

    /// <summary>Longest wait before restarting an nfcapd that exited; the wait doubles from one second up to this.</summary>
    [Setting(1, 3600)] public double MaxRestartDelaySeconds { get; set; } = 30;

    public TimeSpan MaxRestartDelay => TimeSpan.FromSeconds(MaxRestartDelaySeconds);

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Executable))
        {
            errors.Add(nameof(Executable), "must name the nfcapd program.");
        }

        if (!string.IsNullOrEmpty(BindAddress) && !IPAddress.TryParse(BindAddress, out _))
        {
            errors.Add(nameof(BindAddress), $"must be an IP address; got '{BindAddress}'.");
        }
    }
}
