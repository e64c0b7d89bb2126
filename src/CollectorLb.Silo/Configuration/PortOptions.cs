using CollectorLb.Abstractions.Cluster;

namespace CollectorLb.Silo.Configuration;

/// <summary>Ports of this silo. Section <c>CollectorLb:Ports</c>.</summary>
public sealed class PortOptions
{
    public const string SectionName = ClusterSettings.PortsSection;

    /// <summary>HTTP port for health (and metrics) endpoints.</summary>
    public int HttpPort { get; set; } = 8081;

    /// <summary>Orleans silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans gateway port, where the dashboard and CLI connect.</summary>
    public int GatewayPort { get; set; } = ClusterSettings.DefaultGatewayPort;
}
