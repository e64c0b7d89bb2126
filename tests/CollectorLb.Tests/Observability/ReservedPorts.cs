using System.Net;
using System.Net.Sockets;

namespace CollectorLb.Tests.Observability;

/// <summary>
/// TCP ports for servers that bind seconds after the pick (a silo process starting). They come from below
/// Linux's ephemeral range (32768 and up), so the kernel never hands them to another socket meanwhile, and
/// never twice from this process.
/// </summary>
public static class ReservedPorts
{
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    public static int Tcp()
    {
        lock (Gate)
        {
            while (true)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (Given.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
