using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using UsageDashboard.Data;
using UsageDashboard.Tracker;
using UsageDashboard.Tracker.Buffering;
using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Selection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the usage tracker.</summary>
public static class UsageTrackingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the usage tracker, bound from the <c>UsageTracking</c> configuration section, with the
    /// usage database (<c>UsageTracking:Storage</c>, <c>ConnectionStrings:Usage</c>; SQLite file
    /// <c>usage.db</c> by default) as its first store. Add <c>app.UseUsageTracking()</c> to the request
    /// pipeline to record requests. The app's endpoints are registered in the shared catalog and the
    /// tracking rules switched in the dashboard are obeyed (<c>UsageTracking:Rules</c>).
    /// </summary>
    /// <returns>A builder to add stores and hooks.</returns>
    public static UsageTrackingBuilder AddUsageTracking(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new UsageTrackingBuilder(services);
        if (services.Any(static d => d.ServiceType == typeof(UsageTrackingMarkerService)))
        {
            return builder;
        }

        services.AddSingleton<UsageTrackingMarkerService>();
        services.AddOptions<UsageTrackingOptions>()
            .Configure<IConfiguration>(UsageTrackingModeCheck.ThrowIfInvalid)
            .BindConfiguration(UsageTrackingOptions.SectionName)
            .PostConfigure<IServiceProvider>(static (options, sp) =>
            {
                if (string.IsNullOrWhiteSpace(options.ApplicationName))
                {
                    options.ApplicationName = sp.GetService<IHostEnvironment>()?.ApplicationName
                        ?? System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name
                        ?? "app";
                }

                // A batch size nobody set follows the database (see UsageTrackingOptions.BatchSize).
                options.BatchSize ??= sp.GetRequiredService<IOptions<UsageStorageOptions>>().Value.Provider == UsageStorageProvider.PostgreSql
                    ? UsageTrackingOptions.PostgreSqlBatchSize
                    : UsageTrackingOptions.SqliteBatchSize;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UsageTrackingOptions>, UsageTrackingOptionsValidator>());

        // The database comes first: its migrator is a hosted service that must start before the writer.
        services.AddUsageDatabase();
        services.AddUsageDatabaseStore();

        // Rollups (UsageTracking:Rollups, on by default) keep the dashboard instant however many records there are.
        services.AddUsageRollups();

        // Enrichment steps (client address, bots, user agent, language, geo, visitor id, privacy) run
        // in the writer, in their registration order.
        services.AddUsageEnrichment();

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UsageTrackingMetrics>();
        services.TryAddSingleton<UsageQueue>();
        services.TryAddSingleton<TrackingPolicy>();
        services.TryAddSingleton<UsageWriter>();
        services.AddHostedService(static sp => sp.GetRequiredService<UsageWriter>());

        // Every instance registers its endpoints and obeys the rules admins switch in the dashboard.
        builder.AddRuntimeRules();
        return builder;
    }

    /// <summary>Adds the usage tracker and configures its options in code, after configuration binding.</summary>
    /// <returns>A builder to add stores and hooks.</returns>
    public static UsageTrackingBuilder AddUsageTracking(this IServiceCollection services, Action<UsageTrackingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddUsageTracking();
        services.Configure(configure);
        return builder;
    }
}
