using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageDashboard.Data.Statistics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the dashboard's statistics queries.</summary>
public static class StatisticsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IUsageStatistics"/> as a singleton. It reads through
    /// <c>IDbContextFactory&lt;UsageDbContext&gt;</c>, which the usage database registration provides.
    /// </summary>
    public static IServiceCollection AddUsageStatistics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IUsageStatistics, UsageStatistics>();
        return services;
    }
}
