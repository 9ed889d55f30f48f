using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CommitmentTracker.Api.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of PostgreSQL, so a test can take the database away from one host and bring it
/// back without touching the server the other tests share: <see cref="Refuse"/> (the server is down) or
/// <see cref="Blackhole"/> (connections open but nothing ever answers, as behind a dead network path).
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;
    private string targetHost = "";
    private int targetPort;
    private volatile bool forwarding = true;

    public int Port { get; private set; }

    /// <summary>Starts relaying to the server in <paramref name="connectionString"/>; returns it pointed at the relay.</summary>
    public string Relay(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        (targetHost, targetPort) = (target.Host!, target.Port);
        Restore();
        return new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;
    }

    /// <summary>Relays again, on the same port.</summary>
    public void Restore()
    {
        CutAll();
        forwarding = true;
        if (listener is not null) return;
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptLoop(listener);
    }

    /// <summary>Refuses new connections and cuts the open ones.</summary>
    public void Refuse()
    {
        listener?.Stop();
        listener = null;
        CutAll();
    }

    /// <summary>Cuts the open connections; new ones are accepted and then never answered.</summary>
    public void Blackhole()
    {
        forwarding = false;
        CutAll();
    }

    private void CutAll()
    {
        lock (open)
        {
            foreach (var client in open) client.Dispose();
            open.Clear();
        }
    }

    private async Task AcceptLoop(TcpListener server)
    {
        while (true)
        {
            TcpClient inbound;
            try { inbound = await server.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            lock (open) open.Add(inbound);
            if (!forwarding) continue;
            var outbound = new TcpClient();
            await outbound.ConnectAsync(targetHost, targetPort);
            lock (open) open.Add(outbound);
            _ = Pipe(inbound, outbound);
            _ = Pipe(outbound, inbound);
        }
    }

    private static async Task Pipe(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream()); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
        from.Dispose();
        to.Dispose();
    }

    public void Dispose() => Refuse();
}
