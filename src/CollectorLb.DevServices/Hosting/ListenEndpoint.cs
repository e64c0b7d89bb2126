namespace CollectorLb.DevServices.Hosting;

/// <summary>Turns a host option into the address Kestrel binds and the URL clients should use.</summary>
internal static class ListenEndpoint
{
    /// <summary>Parses an IP literal or "localhost"; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static IPAddress ParseHost(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var address))
        {
            return address;
        }

        throw new ArgumentException($"host must be an IP address or 'localhost', got '{host}'", nameof(host));
    }

    /// <summary>
    /// Base URL without trailing slash. A wildcard bind is reported as loopback because a wildcard is not
    /// something a client can connect to.
    /// </summary>
    public static string BaseUrl(IPAddress bound, int port)
    {
        var address = bound.Equals(IPAddress.Any) ? IPAddress.Loopback
            : bound.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : bound;
        var hostText = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? "[" + address + "]"
            : address.ToString();
        return "http://" + hostText + ":" + port.ToString(CultureInfo.InvariantCulture);
    }
}
