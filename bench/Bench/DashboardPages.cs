using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Bench;

/// <summary>The statistics calls each dashboard page makes (concurrently, as the Blazor page does) for one filter.</summary>
internal static class DashboardPages
{
    public static (string Page, Func<Task>[] Queries)[] For(IUsageStatistics statistics, UsageFilter range, string route, string path)
    {
        var product = new UrlKey(UrlGrouping.Route, route);
        var page = new UrlKey(UrlGrouping.Path, path);
        return
        [
            ("Filter bar (applications, groups)", [() => statistics.GetApplicationsAsync(), () => statistics.GetGroupsAsync()]),
            ("Overview", [
                () => statistics.GetOverviewAsync(range), () => statistics.GetTimeSeriesAsync(range),
                () => statistics.GetStatusClassesAsync(range), () => statistics.GetTopUrlsAsync(range),
                () => statistics.GetTopCountriesAsync(range)]),
            ("URLs (routes, by hits)", [() => statistics.GetUrlsAsync(range, new UrlTableQuery())]),
            ("URLs (routes, by p95)", [() => statistics.GetUrlsAsync(range, new UrlTableQuery { Sort = UrlSort.P95Latency })]),
            ("URLs (raw paths, by hits)", [() => statistics.GetUrlsAsync(range, new UrlTableQuery { Grouping = UrlGrouping.Path })]),
            ("URLs (raw paths, by p95)", [() => statistics.GetUrlsAsync(range, new UrlTableQuery { Grouping = UrlGrouping.Path, Sort = UrlSort.P95Latency })]),
            ($"URL detail ({route})", [() => statistics.GetUrlDetailAsync(range, product)]),
            ($"URL detail (raw path {path})", [() => statistics.GetUrlDetailAsync(range, page)]),
            ("Status codes", [() => statistics.GetStatusCodesAsync(range)]),
            ("Geography", [() => statistics.GetGeographyAsync(range)]),
            ("Audience", [() => statistics.GetAudienceAsync(range)]),
            ("Requests (page 1)", [() => statistics.GetRequestsAsync(range)]),
            ("Requests (5xx, page 1)", [() => statistics.GetRequestsAsync(range with { StatusClass = 5 })]),
            ("Requests (country DE, page 20)", [() => statistics.GetRequestsAsync(range with { CountryCode = "DE" }, 20)]),
        ];
    }
}
