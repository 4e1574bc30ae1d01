using System.Net;

namespace UsageDashboard.Tracker.Enrichment.Addresses;

/// <summary>
/// The client address as ASP.NET Core's forwarded-headers middleware would see it: starting at the TCP
/// peer, walk <c>X-Forwarded-For</c> from right to left for as long as the hop that added the entry is
/// a trusted proxy. An untrusted peer's header is ignored entirely, so it cannot be spoofed.
/// </summary>
internal static class ClientAddressResolver
{
    public static IPAddress Resolve(IPAddress peer, string? forwardedFor, TrustedProxies trusted)
    {
        var current = TrustedProxies.Normalize(peer);
        if (string.IsNullOrWhiteSpace(forwardedFor))
        {
            return current;
        }

        var remaining = forwardedFor.AsSpan();
        while (trusted.IsTrusted(current))
        {
            var comma = remaining.LastIndexOf(',');
            var entry = (comma < 0 ? remaining : remaining[(comma + 1)..]).Trim();
            if (entry.IsEmpty && comma < 0)
            {
                break;
            }
            if (!TryParseHop(entry, out var hop))
            {
                // A malformed hop: the chain can no longer be followed, keep the last good address.
                break;
            }
            current = hop;
            if (comma < 0)
            {
                break;
            }
            remaining = remaining[..comma];
        }
        return current;
    }

    /// <summary>Parses one X-Forwarded-For entry: an address, optionally with a port (<c>1.2.3.4:80</c>, <c>[::1]:80</c>).</summary>
    public static bool TryParseHop(ReadOnlySpan<char> entry, out IPAddress address)
    {
        address = IPAddress.None;
        entry = entry.Trim().Trim('"');
        if (entry.IsEmpty || entry.Length > 64)
        {
            return false;
        }
        if (entry[0] == '[')
        {
            var close = entry.IndexOf(']');
            if (close < 0)
            {
                return false;
            }
            entry = entry[1..close];
        }
        else if (entry.IndexOf(':') is var colon and >= 0 && entry.LastIndexOf(':') == colon)
        {
            // Exactly one colon: IPv4 with a port.
            entry = entry[..colon];
        }
        if (!IPAddress.TryParse(entry, out var parsed))
        {
            return false;
        }
        address = TrustedProxies.Normalize(parsed);
        return true;
    }
}
