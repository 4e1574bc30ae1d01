using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using UsageDashboard.Data.Retention;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Tracker;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers rollups (pre-summed hourly, daily and monthly buckets) and retention with a host application.</summary>
public static class UsageRollupsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the rollup hook (an <see cref="IUsageStoreHook"/> that sums the batches the database store wrote and
    /// upserts them into the rollup tables, options from <c>UsageTracking:Rollups</c>), the <see cref="IUsageSummaryReader"/>, the <see cref="RollupRebuilder"/> and
    /// <see cref="IUsageDataCoverage"/>. Also adds the database (<c>AddUsageDatabase</c>). Calling it more than
    /// once has no further effect.
    /// </summary>
    /// <param name="services">The application's services.</param>
    public static IServiceCollection AddUsageRollups(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddUsageDatabase();
        AddRetentionOptions(services);
        if (!services.Any(d => d.ServiceType == typeof(RollupHook)))
        {
            services.AddOptions<UsageRollupOptions>().BindConfiguration(UsageRollupOptions.SectionName);
            services.AddSingleton<RollupHook>();
            services.AddSingleton<IUsageStoreHook>(sp => sp.GetRequiredService<RollupHook>());
        }

        services.TryAddSingleton<IUsageSummaryReader, UsageSummaryReader>();
        services.TryAddSingleton<RollupRebuilder>();
        services.TryAddSingleton<IUsageDataCoverage, UsageDataCoverage>();
        return services;
    }

    /// <summary>
    /// Adds background retention: raw records older than <c>UsageTracking:Retention:RawDays</c> (default 90) and
    /// rollup buckets past their period's retention are deleted in small batches; on PostgreSQL, monthly
    /// partitions of the raw table are created ahead and expired ones dropped. Run it in at least one of the
    /// applications sharing a database; running it in several is safe. Calling it more than once has no further effect.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Optional settings applied after configuration binding.</param>
    public static IServiceCollection AddUsageRetention(this IServiceCollection services, Action<UsageRetentionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddUsageDatabase();
        AddRetentionOptions(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<UsagePurger>();
        services.TryAddSingleton<IUsageDataCoverage, UsageDataCoverage>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UsageRetentionService>());
        return services;
    }

    /// <summary>
    /// Makes <see cref="UsageDashboard.Data.Statistics.IUsageStatistics"/> read rollups where they can answer (ranges and
    /// time series in whole 15-minute buckets, filtered by application, route group and the bot flag; partial edges from
    /// raw rows), and raw rows for the rest (the request log, filters rollups do not carry). With
    /// <c>UsageTracking:Rollups:Enabled</c> false it reads raw rows only. Adds <see cref="AddUsageRollups"/> and the raw
    /// statistics it wraps.
    /// </summary>
    /// <param name="services">The application's services.</param>
    public static IServiceCollection AddUsageRollupStatistics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddUsageRollups();
        services.AddUsageStatistics();
        services.RemoveAll<UsageDashboard.Data.Statistics.IUsageStatistics>();
        services.AddSingleton<UsageDashboard.Data.Statistics.IUsageStatistics>(sp =>
        {
            var contexts = sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<UsageDashboard.Data.UsageDbContext>>();
            var raw = new UsageDashboard.Data.Statistics.UsageStatistics(contexts);
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<UsageRollupOptions>>().Value;
            return options.Enabled
                ? new RollupUsageStatistics(contexts, raw, options, sp.GetService<TimeProvider>() ?? TimeProvider.System,
                    sp.GetService<Microsoft.Extensions.Options.IOptions<UsageRetentionOptions>>()?.Value)
                : raw;
        });
        return services;
    }

    private static void AddRetentionOptions(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.ServiceType == typeof(RetentionOptionsMarker)))
        {
            services.AddSingleton<RetentionOptionsMarker>();
            services.AddOptions<UsageRetentionOptions>().BindConfiguration(UsageRetentionOptions.SectionName);
        }
    }

    private sealed class RetentionOptionsMarker;
}
