using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Api;

/// <summary>The URL table's own query parameters.</summary>
internal sealed class UrlTableParameters
{
    [FromQuery(Name = "grouping"), Description("route (default) or path.")]
    public string? Grouping { get; set; }

    [FromQuery(Name = "search"), Description("Substring of the URL (case-sensitive).")]
    public string? Search { get; set; }

    [FromQuery(Name = "sort"), Description("requests (default), url, errorRate, averageLatency, p50Latency, p95Latency, p99Latency, maxLatency or bytes.")]
    public string? Sort { get; set; }

    [FromQuery(Name = "desc"), Description("Sort descending (default true).")]
    public string? Desc { get; set; }

    [FromQuery(Name = "page"), Description("1-based page (default 1).")]
    public string? Page { get; set; }

    [FromQuery(Name = "pageSize"), Description("Rows per page, 1-1000 (default 25).")]
    public string? PageSize { get; set; }

    public UrlTableQuery ToQuery(QueryReader q) => new()
    {
        Grouping = q.Enum<UrlGrouping>("grouping", Grouping) ?? UrlGrouping.Route,
        Search = QueryReader.Text(Search),
        Sort = q.Enum<UrlSort>("sort", Sort) ?? UrlSort.Requests,
        Descending = q.Bool("desc", Desc) ?? true,
        Page = q.Int("page", Page, int.MinValue, int.MaxValue) ?? 1,
        PageSize = q.Int("pageSize", PageSize, 1, UrlTableQuery.MaxPageSize) ?? 25,
    };
}
