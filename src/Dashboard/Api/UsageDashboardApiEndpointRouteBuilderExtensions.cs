using UsageDashboard.Dashboard.Api;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the dashboard's JSON API.</summary>
public static class UsageDashboardApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /api/usage</c> (the original's get_usage), <c>/api/stats/...</c> (every dashboard aggregate),
    /// <c>/api/export/{table}.{csv|json}</c> and the OpenAPI document at <c>/openapi/v1.json</c>.
    /// Requires <c>services.AddUsageDashboardApi()</c>.
    /// </summary>
    /// <returns>The <c>/api</c> route group, for conventions such as authorization.</returns>
    public static RouteGroupBuilder MapUsageDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api");
        UsageEndpoints.Map(api);
        StatsEndpoints.Map(api);
        ExportEndpoints.Map(api);
        endpoints.MapOpenApi();
        return api;
    }
}
