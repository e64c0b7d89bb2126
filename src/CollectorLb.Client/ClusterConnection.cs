using System.Net;
using System.Net.Sockets;
using CollectorLb.Abstractions.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace CollectorLb.Client;

/// <summary>
/// How an Orleans client (dashboard, CLI) reaches the collector's cluster, from the same settings the silos read.
/// With none at all it is the embedded silo's gateway, <c>localhost:</c><see cref="ClusterSettings.DefaultGatewayPort"/>. <c>CollectorLb:Ports:GatewayPort</c>
/// moves that port; <c>CollectorLb:Cluster:Gateways</c> (comma-separated <c>host:port</c>) names silos elsewhere;
/// <c>CollectorLb:Cluster:Mode=redis</c> with <c>:RedisConnectionString</c> finds the gateways in Redis membership,
/// as in production; <c>:ServiceId</c> and <c>:ClusterId</c> must match the silos'.
/// </summary>
public sealed record ClusterConnection
{
    public IReadOnlyList<DnsEndPoint> Gateways { get; init; } = [new DnsEndPoint("localhost", ClusterSettings.DefaultGatewayPort)];

    /// <summary>Redis holding the cluster's membership; null to use <see cref="Gateways"/>.</summary>
    public string? RedisConnectionString { get; init; }

    public string ClusterId { get; init; } = ClusterSettings.DefaultClusterId;

    public string ServiceId { get; init; } = ClusterSettings.DefaultServiceId;

    public static ClusterConnection FromConfiguration(IConfiguration configuration)
    {
        var cluster = configuration.GetSection(ClusterSettings.Section);
        var ids = IdsFrom(cluster);
        if (string.Equals(cluster["Mode"], ClusterSettings.RedisMode, StringComparison.OrdinalIgnoreCase))
        {
            return ids with
            {
                Gateways = [],
                RedisConnectionString = NonEmpty(cluster["RedisConnectionString"])
                    ?? throw new FormatException($"{ClusterSettings.Section}:Mode is {ClusterSettings.RedisMode} but {ClusterSettings.Section}:RedisConnectionString is not set."),
            };
        }

        var listed = cluster["Gateways"];
        if (!string.IsNullOrWhiteSpace(listed))
        {
            return ids with { Gateways = listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseGateway).ToList() };
        }

        var port = configuration.GetSection(ClusterSettings.PortsSection).GetValue<int?>("GatewayPort") ?? ClusterSettings.DefaultGatewayPort;
        return ids with { Gateways = [new DnsEndPoint("localhost", port)] };
    }

    /// <summary>Gateways named on a command line: they replace the configured way in; the cluster's ids still come from <paramref name="configuration"/>.</summary>
    public static ClusterConnection ForGateways(IEnumerable<string> gateways, IConfiguration configuration) =>
        IdsFrom(configuration.GetSection(ClusterSettings.Section)) with { Gateways = gateways.Select(ParseGateway).ToList() };

    private static ClusterConnection IdsFrom(IConfigurationSection cluster) => new()
    {
        ClusterId = NonEmpty(cluster["ClusterId"]) ?? ClusterSettings.DefaultClusterId,
        ServiceId = NonEmpty(cluster["ServiceId"]) ?? ClusterSettings.DefaultServiceId,
    };

    /// <summary><c>host:port</c>, or a bare host for the default port.</summary>
    public static DnsEndPoint ParseGateway(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return new DnsEndPoint(text, ClusterSettings.DefaultGatewayPort);
        }

        if (colon == 0 || !int.TryParse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"'{text}' is not a gateway of the form host:port (port 1-65535).");
        }

        return new DnsEndPoint(text[..colon].Trim('[', ']'), port);
    }

    public override string ToString() => RedisConnectionString is null
        ? string.Join(", ", Gateways.Select(g => $"{g.Host}:{g.Port}"))
        : $"the gateways Redis {RedisConnectionString} lists";

    /// <summary>Points the client at the cluster (gateway names resolved now; IPv4 preferred, as the silo listens on it).</summary>
    public IClientBuilder Apply(IClientBuilder client)
    {
        if (RedisConnectionString is not null)
        {
            client.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(RedisConnectionString));
        }
        else
        {
            client.UseStaticClustering(Gateways.Select(Resolve).ToArray());
        }

        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = ClusterId;
            options.ServiceId = ServiceId;
        });
        return client;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

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
