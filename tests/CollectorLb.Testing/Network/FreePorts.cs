namespace CollectorLb.Testing.Network;

/// <summary>
/// Free loopback ports for servers the benchmarks and tests start. Many bind seconds after the pick (a silo process
/// starting), so ports come from below Linux's ephemeral range (32768 and up): the kernel never hands them to another
/// socket meanwhile, and this process never gives one out twice.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    public static int Tcp() => Pick(SocketType.Stream, ProtocolType.Tcp);

    public static int Udp() => Pick(SocketType.Dgram, ProtocolType.Udp);

    /// <summary>Whether something (nfcapd, say) listens on the loopback UDP port.</summary>
    public static bool IsUdpTaken(int port)
    {
        try
        {
            using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static int Pick(SocketType socketType, ProtocolType protocol)
    {
        lock (Gate)
        {
            while (true)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (Given.Add(port) && IsFree(port, socketType, protocol))
                {
                    return port;
                }
            }
        }
    }

    private static bool IsFree(int port, SocketType socketType, ProtocolType protocol)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, socketType, protocol);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
