using System.Net.NetworkInformation;
using CollectorLb.Silo.Configuration;

namespace CollectorLb.Silo.Registry;

/// <summary>
/// This silo's own listening ports. A registry entry pointing at one of them on this machine is a mistake (a connector
/// registered with the wrong port, or a loop): files posted there would never reach a connector.
/// </summary>
internal sealed class OwnPorts(PortOptions ports)
{
    /// <summary>Which of this silo's ports <paramref name="url"/> points at ("HTTP", "silo" or "gateway"); null when none.</summary>
    public string? Find(Uri url)
    {
        var port = url.Port == ports.HttpPort ? "HTTP"
            : url.Port == ports.SiloPort ? "silo"
            : url.Port == ports.GatewayPort ? "gateway"
            : null;
        return port is not null && IsThisMachine(url) ? port : null;
    }

    private static bool IsThisMachine(Uri url)
    {
        var host = url.DnsSafeHost;
        if (IPAddress.TryParse(host, out var address))
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            return IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IsLocalAddress(address);
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host.Equals(Environment.MachineName, StringComparison.OrdinalIgnoreCase)
            || host.Equals(Dns.GetHostName(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Asked only for a URL at one of our ports, so reading the interfaces each time costs nothing that matters.</summary>
    private static bool IsLocalAddress(IPAddress address)
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
                .Any(unicast => unicast.Address.Equals(address));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}
