using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;

namespace CollectorLb.Abstractions.Hosts;

/// <summary>
/// How an Orleans client (dashboard, CLI) reaches the collector's cluster. With no settings at all it is the
/// embedded silo's gateway, <c>localhost:30000</c>. Settings: <c>CollectorLb:Ports:GatewayPort</c> (the same
/// setting the silo reads) and <c>CollectorLb:Cluster:Gateways</c> (comma-separated <c>host:port</c>, for silos elsewhere).
/// </summary>
public sealed record ClusterConnection
{
    public const string ClusterId = "collectorlb";
    public const string ServiceId = "collectorlb";
    public const int DefaultGatewayPort = 30000;

    public IReadOnlyList<DnsEndPoint> Gateways { get; init; } = [new DnsEndPoint("localhost", DefaultGatewayPort)];

    public static ClusterConnection FromConfiguration(IConfiguration configuration)
    {
        var listed = configuration["CollectorLb:Cluster:Gateways"];
        if (!string.IsNullOrWhiteSpace(listed))
        {
            return new ClusterConnection { Gateways = listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseGateway).ToList() };
        }

        var port = configuration.GetValue<int?>("CollectorLb:Ports:GatewayPort") ?? DefaultGatewayPort;
        return new ClusterConnection { Gateways = [new DnsEndPoint("localhost", port)] };
    }

    /// <summary><c>host:port</c>, or a bare host for the default port.</summary>
    public static DnsEndPoint ParseGateway(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return new DnsEndPoint(text, DefaultGatewayPort);
        }

        if (colon == 0 || !int.TryParse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"'{text}' is not a gateway of the form host:port (port 1-65535).");
        }

        return new DnsEndPoint(text[..colon].Trim('[', ']'), port);
    }

    public override string ToString() => string.Join(", ", Gateways.Select(g => $"{g.Host}:{g.Port}"));

    /// <summary>Points the client at the gateways (names resolved now; IPv4 preferred, as the silo listens on it).</summary>
    public IClientBuilder Apply(IClientBuilder client)
    {
        var endpoints = Gateways.Select(Resolve).ToArray();
        client.UseStaticClustering(endpoints);
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = ClusterId;
            options.ServiceId = ServiceId;
        });
        return client;
    }

    private static IPEndPoint Resolve(DnsEndPoint gateway)
    {
        if (IPAddress.TryParse(gateway.Host, out var address))
        {
            return new IPEndPoint(address, gateway.Port);
        }

        if (string.Equals(gateway.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, gateway.Port);
        }

        var addresses = Dns.GetHostAddresses(gateway.Host);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(chosen, gateway.Port);
    }
}
