using Microsoft.AspNetCore.Mvc;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Api;

/// <summary><c>/api/stats/...</c>: every dashboard aggregate as JSON, filtered by <see cref="FilterQuery"/>.</summary>
internal static class StatsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var stats = api.MapGroup("/stats").WithTags("Statistics");

        stats.MapGet("/overview", ([AsParameters] FilterQuery filter, IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<OverviewStatistics>(filter, clock, _ => f => s.GetOverviewAsync(f, ct)))
            .WithName("GetOverview").WithSummary("Overview cards for the range and the previous range of equal length.")
            .Produces<OverviewStatistics>().ProducesValidationProblem();

        stats.MapGet("/timeseries", ([AsParameters] FilterQuery filter, [FromQuery, System.ComponentModel.Description("Bucket: 1m, 15m, 1h, 1d or hh:mm:ss; default chosen from the range.")] string? bucket,
                IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<TimeSeries>(filter, clock, q =>
                {
                    var size = q.Duration("bucket", bucket);
                    return f => s.GetTimeSeriesAsync(f, size, ct);
                }))
            .WithName("GetTimeSeries").WithSummary("Requests, 5xx and median/p95 latency per time bucket.")
            .Produces<TimeSeries>().ProducesValidationProblem();

        stats.MapGet("/status-classes", ([AsParameters] FilterQuery filter, IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<IReadOnlyList<StatusClassCount>>(filter, clock, _ => f => s.GetStatusClassesAsync(f, ct)))
            .WithName("GetStatusClasses").WithSummary("Requests per status class (1xx-5xx).")
            .Produces<IReadOnlyList<StatusClassCount>>().ProducesValidationProblem();

        stats.MapGet("/top-urls", ([AsParameters] FilterQuery filter, [FromQuery] string? grouping, [FromQuery] string? count,
                IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<IReadOnlyList<NamedCount>>(filter, clock, q =>
                {
                    var g = q.Enum<UrlGrouping>("grouping", grouping) ?? UrlGrouping.Route;
                    var n = q.Int("count", count, 1, 1000) ?? 10;
                    return f => s.GetTopUrlsAsync(f, g, n, ct);
                }))
            .WithName("GetTopUrls").WithSummary("Most requested URLs (grouping: route or path; count 1-1000, default 10).")
            .Produces<IReadOnlyList<NamedCount>>().ProducesValidationProblem();

        stats.MapGet("/top-countries", ([AsParameters] FilterQuery filter, [FromQuery] string? count,
                IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<IReadOnlyList<CountryCount>>(filter, clock, q =>
                {
                    var n = q.Int("count", count, 1, 1000) ?? 10;
                    return f => s.GetTopCountriesAsync(f, n, ct);
                }))
            .WithName("GetTopCountries").WithSummary("Countries with most requests (ZZ = unknown).")
            .Produces<IReadOnlyList<CountryCount>>().ProducesValidationProblem();

        stats.MapGet("/urls", ([AsParameters] FilterQuery filter, [AsParameters] UrlTableParameters table,
                IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<PagedResult<UrlStatistics>>(filter, clock, q =>
                {
                    var query = table.ToQuery(q);
                    return f => s.GetUrlsAsync(f, query, ct);
                }))
            .WithName("GetUrls").WithSummary("The URL table: hits, error rate, latency percentiles and bytes per URL, sorted and paged.")
            .Produces<PagedResult<UrlStatistics>>().ProducesValidationProblem();

        stats.MapGet("/url", ([AsParameters] FilterQuery filter, [FromQuery] string? recent,
                IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<UrlDetail>(filter, clock, q =>
                {
                    var n = q.Int("recent", recent, 0, 1000) ?? 20;
                    if (QueryReader.Text(filter.Route) is null && QueryReader.Text(filter.Url) is null)
                    {
                        q.Errors.Add("route", "Name the URL with route (a route template) or url (a raw path).");
                    }

                    return f => s.GetUrlDetailAsync(f with { Url = null }, f.Url!, n, ct);
                }))
            .WithName("GetUrlDetail").WithSummary("One URL (route= or url=): percentiles over time, histogram, status over time, countries, browsers, recent requests.")
            .Produces<UrlDetail>().ProducesValidationProblem();

        stats.MapGet("/status-codes", ([AsParameters] FilterQuery filter, IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<StatusCodeStatistics>(filter, clock, _ => f => s.GetStatusCodesAsync(f, ct)))
            .WithName("GetStatusCodes").WithSummary("Status classes over time and the per-code table with top URLs.")
            .Produces<StatusCodeStatistics>().ProducesValidationProblem();

        stats.MapGet("/geography", ([AsParameters] FilterQuery filter, [FromQuery] string? cities,
                IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<GeographyStatistics>(filter, clock, q =>
                {
                    var n = q.Int("cities", cities, 0, 10_000) ?? 100;
                    return f => s.GetGeographyAsync(f, n, ct);
                }))
            .WithName("GetGeography").WithSummary("Requests per country (Unknown included) and top cities.")
            .Produces<GeographyStatistics>().ProducesValidationProblem();

        stats.MapGet("/audience", ([AsParameters] FilterQuery filter, IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<AudienceStatistics>(filter, clock, _ => f => s.GetAudienceAsync(f, ct)))
            .WithName("GetAudience").WithSummary("Browsers and platforms with versions, devices, languages and the bot share.")
            .Produces<AudienceStatistics>().ProducesValidationProblem();

        stats.MapGet("/requests", ([AsParameters] FilterQuery filter, [FromQuery] string? page, [FromQuery] string? pageSize,
                IUsageStatistics s, TimeProvider clock, CancellationToken ct) =>
                Run<PagedResult<UsageItem>>(filter, clock, q =>
                {
                    var p = q.Int("page", page, int.MinValue, int.MaxValue) ?? 1;
                    var size = q.Int("pageSize", pageSize, 1, IUsageStatistics.MaxRequestPageSize) ?? 50;
                    return async f =>
                    {
                        var result = await s.GetRequestsAsync(f, p, size, ct).ConfigureAwait(false);
                        return new PagedResult<UsageItem>(result.Items.Select(UsageItem.From).ToList(), result.TotalCount, result.Page, result.PageSize);
                    };
                }))
            .WithName("GetRequests").WithSummary("The filtered request log, newest first, paged with the total count.")
            .Produces<PagedResult<UsageItem>>().ProducesValidationProblem();

        stats.MapGet("/applications", async (IUsageStatistics s, CancellationToken ct) => TypedResults.Ok(await s.GetApplicationsAsync(ct).ConfigureAwait(false)))
            .WithName("GetApplications").WithSummary("Applications (server_name) that have records.");

        stats.MapGet("/groups", async ([FromQuery] string? app, IUsageStatistics s, CancellationToken ct) =>
                TypedResults.Ok(await s.GetGroupsAsync(QueryReader.Text(app), ct).ConfigureAwait(false)))
            .WithName("GetGroups").WithSummary("Route groups that have records, optionally of one application (app=).");
    }

    /// <summary>
    /// Parses the endpoint's own parameters (<paramref name="prepare"/>) and the filter, answers 400 naming every bad
    /// parameter, else runs the query. Argument errors of the query itself (too many buckets, say) are 400s too.
    /// </summary>
    internal static async Task<IResult> Run<T>(FilterQuery query, TimeProvider clock, Func<QueryReader, Func<UsageFilter, Task<T>>> prepare)
    {
        var errors = new QueryErrors();
        var q = new QueryReader(errors);
        var run = prepare(q);
        var filter = query.ToFilter(q, clock.GetUtcNow().UtcDateTime);
        if (filter is null || errors.Any)
        {
            return errors.ToResult();
        }

        try
        {
            return TypedResults.Ok(await run(filter).ConfigureAwait(false));
        }
        catch (ArgumentException ex)
        {
            errors.Add(ex.ParamName ?? "query", ex.Message);
            return errors.ToResult();
        }
    }
}
