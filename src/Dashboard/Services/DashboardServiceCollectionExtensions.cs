using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageDashboard.Dashboard.Components.Charts;

namespace UsageDashboard.Dashboard.Services;

/// <summary>The dashboard UI's own services.</summary>
internal static class DashboardServiceCollectionExtensions
{
    /// <summary>Chart interop, the browser time zone (both per circuit) and the clock.</summary>
    public static IServiceCollection AddDashboardServices(this IServiceCollection services)
    {
        services.TryAddScoped<IChartInterop, ChartInterop>();
        services.TryAddScoped<DisplayTimeZone>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
