using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UsageDashboard.Tracker.Enrichment.Privacy;
using UsageDashboard.Tracker.Enrichment.Visitors;

namespace UsageDashboard.Tracker.Tests.Enrichment.Privacy;

public sealed class PrivacyEnricherTests
{
    private static PrivacyEnricher Enricher(IpAddressPrivacy mode) => new(
        new StaticOptionsMonitor<PrivacyOptions>(new PrivacyOptions { IpAddress = mode }),
        new VisitorSalts(new InMemoryVisitorSaltStore(), new FakeTimeProvider(), NullLogger<VisitorSalts>.Instance));

    [Fact]
    public async Task Full_keeps_everything()
    {
        var request = Batch.Request(peer: "203.0.113.77", forwardedFor: "8.8.8.8");
        await Enricher(IpAddressPrivacy.Full).EnrichAsync([request], TestContext.Current.CancellationToken);
        Assert.Equal("203.0.113.77", request.Record.RemoteAddr);
        Assert.Equal("8.8.8.8", request.Record.XForwardedFor);
    }

    [Fact]
    public async Task Truncated_keeps_the_ipv4_24_and_ipv6_48_networks()
    {
        var v4 = Batch.Request(peer: "203.0.113.77", forwardedFor: "8.8.8.8, 10.0.0.1");
        var v6 = Batch.Request(peer: "2a00:1450:4001:81c::200e");
        await Enricher(IpAddressPrivacy.Truncated).EnrichAsync([v4, v6], TestContext.Current.CancellationToken);

        Assert.Equal("203.0.113.0", v4.Record.RemoteAddr);
        Assert.Equal("8.8.8.0, 10.0.0.0", v4.Record.XForwardedFor);
        Assert.Equal("2a00:1450:4001::", v6.Record.RemoteAddr);
    }

    [Fact]
    public async Task Hashed_gives_a_stable_token_per_address_and_hides_it_everywhere()
    {
        var a = Batch.Request(peer: "8.8.8.8", forwardedFor: "8.8.8.8");
        var b = Batch.Request(peer: "8.8.8.8");
        var c = Batch.Request(peer: "8.8.4.4");
        a.Record.IpInfo = """{"query":"8.8.8.8","countryCode":"US"}""";
        await Enricher(IpAddressPrivacy.Hashed).EnrichAsync([a, b, c], TestContext.Current.CancellationToken);

        Assert.StartsWith("h:", a.Record.RemoteAddr, StringComparison.Ordinal);
        Assert.Equal(a.Record.RemoteAddr, b.Record.RemoteAddr);
        Assert.NotEqual(a.Record.RemoteAddr, c.Record.RemoteAddr);
        Assert.Equal(a.Record.RemoteAddr, a.Record.XForwardedFor);
        Assert.DoesNotContain("8.8.8.8", a.Record.IpInfo, StringComparison.Ordinal);
        Assert.Contains("\"countryCode\":\"US\"", a.Record.IpInfo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task None_stores_no_address()
    {
        var request = Batch.Request(peer: "8.8.8.8", forwardedFor: "8.8.8.8");
        await Enricher(IpAddressPrivacy.None).EnrichAsync([request], TestContext.Current.CancellationToken);
        Assert.Null(request.Record.RemoteAddr);
        Assert.Null(request.Record.XForwardedFor);
    }
}
