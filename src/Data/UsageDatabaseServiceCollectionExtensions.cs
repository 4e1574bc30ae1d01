using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using UsageDashboard.Data;
using UsageDashboard.Data.Hosting;
using UsageDashboard.Data.Reading;
using UsageDashboard.Data.Storage;
using UsageDashboard.Tracker;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the usage database (SQLite or PostgreSQL) with a host application.</summary>
public static class UsageDatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Adds the usage database: <see cref="UsageStorageOptions"/> bound from <c>UsageTracking:Storage</c>
    /// and <c>ConnectionStrings:Usage</c>, an <see cref="IDbContextFactory{TContext}"/> of
    /// <see cref="UsageDbContext"/> for the configured provider, the <see cref="IUsageReader"/>, and
    /// migrations applied at startup when <see cref="UsageStorageOptions.MigrateOnStartup"/> is set.
    /// Invalid storage settings fail when the host starts. Calling it more than once has no further effect.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Optional settings applied after configuration binding.</param>
    public static IServiceCollection AddUsageDatabase(this IServiceCollection services, Action<UsageStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(UsageDatabaseMarker)))
        {
            return services;
        }

        services.AddSingleton<UsageDatabaseMarker>();
        services.TryAddSingleton<SqliteWriteGate>();
        services.AddOptions<UsageStorageOptions>().ValidateOnStart();
        // Configure runs before any user Configure call registered later; PostConfigure resolves the
        // connection string after all of them.
        services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<UsageStorageOptions>, UsageStorageOptionsSetup>());
        services.AddSingleton<IPostConfigureOptions<UsageStorageOptions>, UsageStorageOptionsSetup>();
        services.AddDbContextFactory<UsageDbContext>((provider, builder) =>
            UsageDbContextOptions.Configure(builder, provider.GetRequiredService<IOptions<UsageStorageOptions>>().Value));
        services.TryAddSingleton<IUsageReader, UsageReader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UsageDatabaseMigrator>());
        return services;
    }

    /// <summary>
    /// Adds the database as an <see cref="IUsageStore"/> that writes batches through the provider's bulk
    /// path (SQLite prepared INSERTs of several rows in one transaction, PostgreSQL binary COPY). Also adds the database
    /// itself (<see cref="AddUsageDatabase"/>). Calling it more than once has no further effect.
    /// </summary>
    /// <param name="services">The application's services.</param>
    public static IServiceCollection AddUsageDatabaseStore(this IServiceCollection services)
    {
        services.AddUsageDatabase();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUsageStore, DatabaseUsageStore>());
        return services;
    }

    private sealed class UsageDatabaseMarker;
}
