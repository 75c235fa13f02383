using System.Globalization;
using System.Net;

namespace Dotlanth.Evidence.Http;

/// <summary>
/// An address a program serves on, <c>host:port</c>: an IPv4 literal, <c>[IPv6]</c> or <c>localhost</c>, and a port
/// (0 lets the system pick one). Names other than localhost are refused: binding must not depend on DNS.
/// </summary>
public sealed record HttpAddress(string Host, int Port, IPAddress Ip)
{
    public bool IsLoopback => IPAddress.IsLoopback(Ip);

    /// <summary>One spelling per address, which capabilities are matched against: <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>.</summary>
    public string Canonical => Ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{Ip}]:{Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{Ip}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The address, or null with <paramref name="problem"/> saying what is wrong with the text.</summary>
    public static HttpAddress? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            problem = $"'{text}' is not host:port (for example 127.0.0.1:8080)";
            return null;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            problem = $"'{portText}' is not a port from 0 to 65535";
            return null;
        }

        IPAddress? ip;
        if (host == "localhost")
        {
            ip = IPAddress.Loopback;
        }
        else if (host.StartsWith('[') && host.EndsWith(']') && IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            ip = v6;
        }
        else if (IPAddress.TryParse(host, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && v4.ToString() == host)
        {
            ip = v4;
        }
        else
        {
            problem = $"'{host}' is not an IP address or localhost (IPv6 goes in brackets: [::1]:8080)";
            return null;
        }

        return new HttpAddress(host, port, ip);
    }
}
