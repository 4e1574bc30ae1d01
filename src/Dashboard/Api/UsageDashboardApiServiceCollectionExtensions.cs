using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what the dashboard's JSON API needs.</summary>
public static class UsageDashboardApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the usage database (<c>AddUsageDatabase</c>), the statistics queries (reading rollups, <c>AddUsageRollupStatistics</c>), problem details, the OpenAPI
    /// document <c>v1</c>, <see cref="TimeProvider.System"/> when no clock is registered, and JSON settings of the
    /// API (enums as strings, infinite histogram bounds as <c>"Infinity"</c>). Map the endpoints with
    /// <c>app.MapUsageDashboardApi()</c>.
    /// </summary>
    public static IServiceCollection AddUsageDashboardApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddUsageDatabase();
        services.AddUsageRollupStatistics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        return services;
    }
}
