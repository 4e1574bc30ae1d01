using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageDashboard.Data.Rules;
using UsageDashboard.Tracker;
using UsageDashboard.Tracker.Rules;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds runtime tracking rules to the usage tracker.</summary>
public static class UsageTrackingRulesBuilderExtensions
{
    /// <summary>
    /// Makes the tracker obey the rules admins switch in the dashboard: it registers the app's endpoints
    /// in the shared catalog after startup, keeps the rules in memory and reloads them within
    /// <see cref="UsageTrackingRulesOptions.PollInterval"/> of a change. Needs the usage database
    /// (an <c>IDbContextFactory&lt;UsageDbContext&gt;</c>) to be registered. Options are bound from
    /// <c>UsageTracking:Rules</c>.
    /// </summary>
    /// <param name="builder">The tracker builder from <c>AddUsageTracking()</c>.</param>
    /// <returns>The same builder.</returns>
    public static UsageTrackingBuilder AddRuntimeRules(this UsageTrackingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(RuntimeTrackingRules)))
        {
            return builder;
        }

        services.AddOptions<UsageTrackingRulesOptions>().BindConfiguration(UsageTrackingRulesOptions.SectionName)
            .Validate(static o => o.PollInterval > TimeSpan.Zero && o.PollInterval <= TimeSpan.FromMinutes(1),
                "UsageTracking:Rules:PollInterval must be above zero and at most one minute.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RuntimeTrackingRules>();
        services.TryAddSingleton<TrackingRulesStore>();
        services.AddSingleton<TrackingRulesPoller>();
        services.AddHostedService(static sp => sp.GetRequiredService<TrackingRulesPoller>());
        services.AddSingleton<EndpointCatalogRegistrar>();
        services.AddHostedService(static sp => sp.GetRequiredService<EndpointCatalogRegistrar>());
        return builder;
    }
}
