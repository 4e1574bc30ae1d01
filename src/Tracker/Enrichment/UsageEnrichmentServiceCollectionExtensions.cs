using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Enrichment;
using UsageDashboard.Tracker.Enrichment.Addresses;
using UsageDashboard.Tracker.Enrichment.Bots;
using UsageDashboard.Tracker.Enrichment.FreeGeoIp;
using UsageDashboard.Tracker.Enrichment.Geo;
using UsageDashboard.Tracker.Enrichment.Language;
using UsageDashboard.Tracker.Enrichment.Privacy;
using UsageDashboard.Tracker.Enrichment.UserAgents;
using UsageDashboard.Tracker.Enrichment.Visitors;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the enrichment steps the background writer runs over every batch.</summary>
internal static class UsageEnrichmentServiceCollectionExtensions
{
    /// <summary>
    /// Binds the enrichment options from their <c>UsageTracking</c> sub-sections and registers the steps
    /// in the order they must run: do-not-track, client address, bots, user agent, language, offline
    /// geo, remote geo, visitor id, privacy (last, so the others see the full address). Idempotent.
    /// </summary>
    public static IServiceCollection AddUsageEnrichment(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(EnrichmentRegistered)))
        {
            return services;
        }
        services.AddSingleton<EnrichmentRegistered>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<ClientAddressOptions>().BindConfiguration("UsageTracking")
            .Validate(o => o.TrustedProxies is null || o.TrustedProxies.All(e => TrustedProxies.TryParseEntry(e, out _)),
                "UsageTracking:TrustedProxies must list IP addresses or CIDR networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.SectionName);
        services.AddOptions<GeoOptions>().BindConfiguration(GeoOptions.SectionName);
        services.AddOptions<FreeGeoIpOptions>().BindConfiguration(FreeGeoIpOptions.SectionName)
            .Validate(o => !o.Enabled || IsValidEndpoint(o.Endpoint),
                "UsageTracking:FreeGeoIp:Endpoint must be an absolute http(s) URL, e.g. http://extreme-ip-lookup.com/json/{ip}.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "UsageTracking:FreeGeoIp:Timeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName)
            .Validate(o => Enum.IsDefined(o.IpAddress), "UsageTracking:Privacy:IpAddress must be Full, Truncated, Hashed or None.")
            .ValidateOnStart();

        services.TryAddSingleton(sp => TrustedProxies.Parse(sp.GetRequiredService<IOptions<ClientAddressOptions>>().Value.TrustedProxies));
        services.TryAddSingleton(_ => new UserAgentParser(() => UapParser.FromEmbeddedRegexes()));
        services.TryAddSingleton<OfflineGeoLocatorProvider>();
        services.AddHttpClient(FreeGeoIpClient.HttpClientName)
            .ConfigureHttpClient((sp, client) =>
                // The batch deadline cancels lookups; this only backs it up.
                client.Timeout = sp.GetRequiredService<IOptions<FreeGeoIpOptions>>().Value.Timeout + TimeSpan.FromSeconds(1));
        services.TryAddSingleton<FreeGeoIpClient>();
        services.TryAddSingleton<IVisitorSaltStore, DatabaseVisitorSaltStore>();
        services.TryAddSingleton<VisitorSalts>();

        services.AddSingleton<IUsageEnricher, DoNotTrackEnricher>();
        services.AddSingleton<IUsageEnricher, ClientAddressEnricher>();
        services.AddSingleton<IUsageEnricher, BotEnricher>();
        services.AddSingleton<IUsageEnricher, UserAgentEnricher>();
        services.AddSingleton<IUsageEnricher, LanguageEnricher>();
        services.AddSingleton<IUsageEnricher, OfflineGeoEnricher>();
        services.AddSingleton<IUsageEnricher, FreeGeoIpEnricher>();
        services.AddSingleton<IUsageEnricher, VisitorIdEnricher>();
        services.AddSingleton<IUsageEnricher, PrivacyEnricher>();
        return services;
    }

    private static bool IsValidEndpoint(string? endpoint) =>
        !string.IsNullOrWhiteSpace(endpoint)
        && Uri.TryCreate(endpoint.Replace("{ip}", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private sealed class EnrichmentRegistered;
}
