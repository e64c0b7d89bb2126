using System.Net;
using System.Net.Sockets;

namespace CollectorLb.Benchmarks.Rig;

/// <summary>TCP ports the kernel says are free right now on loopback.</summary>
internal static class FreePorts
{
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
