using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using UsageDashboard.Dashboard.Demo;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers demo data seeding.</summary>
public static class DemoDataServiceCollectionExtensions
{
    /// <summary>
    /// Fills an empty usage database with a month of demo traffic when the host starts (the dashboard's
    /// <c>--demo</c>). Adds the usage database, its bulk store and the statistics queries if missing.
    /// </summary>
    public static IServiceCollection AddUsageDemoData(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddUsageDatabaseStore();
        services.AddUsageStatistics();
        services.AddUsageRollups();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DemoDataHostedService>());
        return services;
    }
}
