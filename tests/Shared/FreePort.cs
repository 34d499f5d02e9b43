using System.Net;
using System.Net.Sockets;

namespace Primage.Testing;

/// <summary>Free loopback ports, so test silos never collide with each other or a running service.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
