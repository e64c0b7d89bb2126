using CollectorLb.Abstractions.Cluster;
using CollectorLb.Abstractions.Settings;

namespace CollectorLb.Silo.Configuration;

/// <summary>Ports of this silo. Section <c>CollectorLb:Ports</c>.</summary>
public sealed class PortOptions : ISettingsSection
{
    public static string SectionName => ClusterSettings.PortsSection;

    /// <summary>HTTP port for health (and metrics) endpoints.</summary>
    [Setting(1, 65535)] public int HttpPort { get; set; } = 8081;

    /// <summary>Orleans silo-to-silo port.</summary>
    [Setting(1, 65535)] public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans gateway port, where the dashboard and CLI connect.</summary>
    [Setting(1, 65535)] public int GatewayPort { get; set; } = ClusterSettings.DefaultGatewayPort;

    void ISettingsSection.CheckRules(SettingErrors errors)
    {
        if (SiloPort == GatewayPort || HttpPort == SiloPort || HttpPort == GatewayPort)
        {
            errors.Add("*Port", $"must be three different ports; got HTTP {HttpPort}, silo {SiloPort}, gateway {GatewayPort}.");
        }
    }
}
