using System.Net;
using UsageDashboard.Tracker.Enrichment.Addresses;

namespace UsageDashboard.Tracker.Tests.Enrichment.Addresses;

public sealed class ClientAddressResolverTests
{
    private static string Resolve(string peer, string? forwardedFor, TrustedProxies trusted) =>
        ClientAddressResolver.Resolve(IPAddress.Parse(peer), forwardedFor, trusted).ToString();

    [Fact]
    public void A_spoofed_header_from_an_untrusted_peer_is_ignored()
    {
        Assert.Equal("198.51.100.20", Resolve("198.51.100.20", "1.2.3.4", TrustedProxies.LoopbackOnly));
    }

    [Fact]
    public void Loopback_is_trusted_by_default()
    {
        Assert.Equal("8.8.8.8", Resolve("127.0.0.1", "8.8.8.8", TrustedProxies.LoopbackOnly));
        Assert.Equal("8.8.8.8", Resolve("::1", "8.8.8.8", TrustedProxies.LoopbackOnly));
        Assert.Equal("8.8.8.8", Resolve("::ffff:127.0.0.1", "8.8.8.8", TrustedProxies.LoopbackOnly));
    }

    [Fact]
    public void The_walk_stops_at_the_first_untrusted_hop_from_the_right()
    {
        var trusted = TrustedProxies.Parse(["10.0.0.0/8"]);
        // The client forged "6.6.6.6"; 5.5.5.5 is what the first trusted proxy actually saw.
        Assert.Equal("5.5.5.5", Resolve("10.0.0.2", "6.6.6.6, 5.5.5.5, 10.1.1.1", trusted));
    }

    [Fact]
    public void A_configured_list_replaces_the_loopback_default()
    {
        var trusted = TrustedProxies.Parse(["192.0.2.10"]);
        Assert.Equal("127.0.0.1", Resolve("127.0.0.1", "8.8.8.8", trusted));
        Assert.Equal("8.8.8.8", Resolve("192.0.2.10", "8.8.8.8", trusted));
    }

    [Fact]
    public void IPv6_networks_and_ports_in_hops_are_understood()
    {
        var trusted = TrustedProxies.Parse(["2001:db8::/32", "10.0.0.1"]);
        Assert.Equal("2a00:1450:4001:81c::200e", Resolve("2001:db8::5", "[2a00:1450:4001:81c::200e]:443", trusted));
        Assert.Equal("8.8.4.4", Resolve("10.0.0.1", "8.8.4.4:51234", trusted));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData(",,,")]
    [InlineData("1.2.3.4, garbage")]
    [InlineData("\"\"")]
    [InlineData("999.1.1.1")]
    public void A_malformed_header_never_throws_and_keeps_the_last_good_address(string header)
    {
        Assert.Equal("127.0.0.1", Resolve("127.0.0.1", header, TrustedProxies.LoopbackOnly));
    }

    [Fact]
    public void A_bad_trusted_proxy_entry_fails_with_the_entry_named()
    {
        var e = Assert.Throws<FormatException>(() => TrustedProxies.Parse(["10.0.0.0/8", "proxy.local"]));
        Assert.Contains("proxy.local", e.Message, StringComparison.Ordinal);
        Assert.Contains("UsageTracking:TrustedProxies", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_enricher_sets_remote_addr_and_keeps_the_raw_header()
    {
        var spoofed = Batch.Request(peer: "198.51.100.20", forwardedFor: "1.2.3.4");
        var proxied = Batch.Request(peer: "127.0.0.1", forwardedFor: "8.8.8.8");

        await new ClientAddressEnricher(TrustedProxies.LoopbackOnly).EnrichAsync([spoofed, proxied], TestContext.Current.CancellationToken);

        Assert.Equal("198.51.100.20", spoofed.Record.RemoteAddr);
        Assert.Equal("1.2.3.4", spoofed.Record.XForwardedFor);
        Assert.Equal("8.8.8.8", proxied.Record.RemoteAddr);
        Assert.Equal("8.8.8.8", proxied.Record.XForwardedFor);
    }
}
