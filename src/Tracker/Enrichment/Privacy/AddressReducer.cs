using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using UsageDashboard.Tracker.Enrichment.Addresses;

namespace UsageDashboard.Tracker.Enrichment.Privacy;

/// <summary>Reduces an address as <see cref="IpAddressPrivacy"/> says; text that is not an address is dropped rather than kept.</summary>
internal static class AddressReducer
{
    public static string? Reduce(string? value, IpAddressPrivacy mode, byte[]? salt)
    {
        if (value is null || mode == IpAddressPrivacy.Full)
        {
            return value;
        }
        if (mode == IpAddressPrivacy.None || !ClientAddressResolver.TryParseHop(value, out var address))
        {
            return null;
        }
        return mode switch
        {
            IpAddressPrivacy.Truncated => Truncate(address).ToString(),
            IpAddressPrivacy.Hashed => salt is null ? null : Hash(address, salt),
            _ => null,
        };
    }

    /// <summary>Each hop of an X-Forwarded-For header reduced the same way; null when nothing is left.</summary>
    public static string? ReduceList(string? header, IpAddressPrivacy mode, byte[]? salt)
    {
        if (header is null || mode == IpAddressPrivacy.Full)
        {
            return header;
        }
        if (mode == IpAddressPrivacy.None)
        {
            return null;
        }
        var hops = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(h => Reduce(h, mode, salt))
            .OfType<string>()
            .ToList();
        var joined = string.Join(", ", hops);
        if (joined.Length > UsageRecordLimits.ForwardedFor)
        {
            joined = joined[..joined.LastIndexOf(',', UsageRecordLimits.ForwardedFor - 1)];
        }
        return hops.Count == 0 ? null : joined;
    }

    public static IPAddress Truncate(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6; // /24 or /48
        bytes.AsSpan(keep).Clear();
        return new IPAddress(bytes);
    }

    private static string Hash(IPAddress address, byte[] salt)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes("ip\0" + address), hash);
        return "h:" + Convert.ToHexStringLower(hash[..12]);
    }
}
