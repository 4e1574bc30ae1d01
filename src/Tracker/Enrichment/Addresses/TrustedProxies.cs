using System.Net;

namespace UsageDashboard.Tracker.Enrichment.Addresses;

/// <summary>The parsed trusted proxy list.</summary>
internal sealed class TrustedProxies
{
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IPNetwork[] _networks;

    private TrustedProxies(IPNetwork[] networks) => _networks = networks;

    /// <summary>Loopback only: ASP.NET Core's default for forwarded headers.</summary>
    public static TrustedProxies LoopbackOnly { get; } = new(Loopback);

    /// <summary>Parses the configured list; null means loopback only. Throws with the offending entry when one is not an address or network.</summary>
    public static TrustedProxies Parse(IEnumerable<string>? entries)
    {
        if (entries is null)
        {
            return LoopbackOnly;
        }
        var networks = new List<IPNetwork>();
        foreach (var raw in entries)
        {
            if (!TryParseEntry(raw, out var network))
            {
                throw new FormatException(
                    $"UsageTracking:TrustedProxies contains '{raw}', which is neither an IP address nor a CIDR network such as 10.0.0.0/8.");
            }
            networks.Add(network);
        }
        return new TrustedProxies([.. networks]);
    }

    public static bool TryParseEntry(string? raw, out IPNetwork network)
    {
        network = default;
        var entry = raw?.Trim();
        if (string.IsNullOrEmpty(entry))
        {
            return false;
        }
        if (entry.Contains('/', StringComparison.Ordinal))
        {
            // Host bits set (10.1.2.3/8) are a common typo for the network: accept and mask them.
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            if (!IPAddress.TryParse(entry.AsSpan(0, slash), out var baseAddress)
                || !int.TryParse(entry.AsSpan(slash + 1), out var prefix)
                || prefix < 0
                || prefix > (baseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
            {
                return false;
            }
            network = new IPNetwork(Mask(baseAddress, prefix), prefix);
            return true;
        }
        if (IPAddress.TryParse(entry, out var address))
        {
            address = Normalize(address);
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return false;
    }

    public bool IsTrusted(IPAddress address)
    {
        address = Normalize(address);
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = Normalize(address).GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }
        return new IPAddress(bytes);
    }
}
