using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Tracker.Enrichment;
using UsageDashboard.Tracker.Enrichment.Addresses;
using UsageDashboard.Tracker.Enrichment.Bots;
using UsageDashboard.Tracker.Enrichment.FreeGeoIp;
using UsageDashboard.Tracker.Enrichment.Geo;
using UsageDashboard.Tracker.Enrichment.Language;
using UsageDashboard.Tracker.Enrichment.Privacy;
using UsageDashboard.Tracker.Enrichment.UserAgents;
using UsageDashboard.Tracker.Enrichment.Visitors;

namespace UsageDashboard.Tracker.Tests.Enrichment;

/// <summary>The whole enrichment pipeline as registered, bound from configuration.</summary>
public sealed class UsageEnrichmentServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton<IVisitorSaltStore, InMemoryVisitorSaltStore>();
        services.AddUsageEnrichment();
        services.AddUsageEnrichment(); // idempotent
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Steps_are_registered_once_in_pipeline_order()
    {
        using var provider = Build([]);
        var steps = provider.GetServices<IUsageEnricher>().Select(e => e.GetType()).ToList();
        Assert.Equal(
            [typeof(DoNotTrackEnricher), typeof(ClientAddressEnricher), typeof(BotEnricher), typeof(UserAgentEnricher),
             typeof(LanguageEnricher), typeof(OfflineGeoEnricher), typeof(FreeGeoIpEnricher), typeof(VisitorIdEnricher), typeof(PrivacyEnricher)],
            steps);
    }

    [Fact]
    public async Task Geo_and_visitor_id_use_the_full_address_before_privacy_reduces_it()
    {
        using var provider = Build(new()
        {
            ["UsageTracking:TrustedProxies:0"] = "10.0.0.0/8",
            ["UsageTracking:Privacy:IpAddress"] = "Truncated",
            ["UsageTracking:Privacy:RespectDoNotTrack"] = "true",
            ["UsageTracking:Bots:Record"] = "false",
        });
        var visitor = Batch.Request(peer: "10.0.0.2", forwardedFor: "8.8.8.8", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", acceptLanguage: "en-gb,en;q=0.8");
        var tracked = Batch.Request(peer: "8.8.4.4", doNotTrack: true);
        var bot = Batch.Request(peer: "8.8.4.4", userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        var batch = new[] { visitor, tracked, bot };

        foreach (var step in provider.GetServices<IUsageEnricher>())
        {
            await step.EnrichAsync(batch, TestContext.Current.CancellationToken);
        }

        var r = visitor.Record;
        Assert.False(visitor.Discard);
        Assert.Equal("8.8.8.0", r.RemoteAddr);
        Assert.Equal("8.8.8.0", r.XForwardedFor);
        Assert.Equal("US", r.CountryCode);
        Assert.Equal("United States", r.Country);
        Assert.Equal("Chrome", r.Browser);
        Assert.Equal("Windows", r.Platform);
        Assert.Equal("en-GB", r.Language);
        Assert.False(r.IsBot);
        var expectedVisitor = VisitorId.Compute(
            await provider.GetRequiredService<IVisitorSaltStore>().GetOrCreateAsync(DateOnly.FromDateTime(r.Date), TestContext.Current.CancellationToken),
            r.ServerName, "8.8.8.8", r.UserAgent);
        Assert.Equal(expectedVisitor, r.VisitorId);

        Assert.True(tracked.Discard);
        Assert.True(bot.Discard);
    }

    [Fact]
    public void A_bad_trusted_proxy_fails_options_validation_with_the_key_named()
    {
        using var provider = Build(new() { ["UsageTracking:TrustedProxies:0"] = "proxy.local" });
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClientAddressOptions>>().Value);
        Assert.Contains("UsageTracking:TrustedProxies", e.Message, StringComparison.Ordinal);
    }
}
