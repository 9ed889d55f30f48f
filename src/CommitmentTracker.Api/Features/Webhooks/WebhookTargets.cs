using System.Net;
using System.Net.Sockets;

namespace CommitmentTracker.Features.Webhooks;

/// <summary>
/// Receivers are chosen by CSOs, so the worker must not become a way into the operator's own network (SSRF). Unless
/// <c>Webhooks:AllowPrivateTargets</c> is set, loopback, private, link-local (cloud metadata), carrier-grade NAT and
/// unique-local addresses are refused: by name when a subscription is made, and after DNS, on the address actually
/// dialled, when the worker connects (so a name that later resolves inward is refused too).
/// </summary>
public static class WebhookTargets
{
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 or >= 224
               || b[0] == 172 && b[1] is >= 16 and <= 31
               || b[0] == 192 && b[1] == 168
               || b[0] == 169 && b[1] == 254
               || b[0] == 100 && b[1] is >= 64 and <= 127;
    }

    /// <summary>The URL names an internal host without needing DNS: <c>localhost</c> or an internal address literal.</summary>
    public static bool NamesInternalHost(Uri url) =>
        url.IsLoopback || url.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                       || IPAddress.TryParse(url.DnsSafeHost, out var ip) && IsInternal(ip);

    /// <summary>Resolves the host and dials only addresses that may be reached.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(bool allowInternal) => async (context, ct) =>
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await Dns.GetHostAddressesAsync(host, ct);
        var allowed = allowInternal ? addresses : addresses.Where(a => !IsInternal(a)).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"'{host}' resolves only to internal addresses, which webhooks may not reach.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}
