using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Api;

/// <summary>Every dashboard table as an <see cref="ExportTable"/>, by the name used in export URLs.</summary>
internal static class ExportTables
{
    public static readonly IReadOnlyList<string> Names =
    [
        "urls", "top-urls", "timeseries", "status-classes", "status-codes", "countries", "cities",
        "browsers", "platforms", "devices", "languages",
    ];

    public static async Task<ExportTable?> BuildAsync(
        string name, UsageFilter filter, UrlTableQuery urls, IUsageStatistics s, CancellationToken ct)
    {
        switch (name)
        {
            case "urls":
                return new ExportTable(
                    ["url", "requests", "server_errors", "error_rate", "avg_ms", "p50_ms", "p95_ms", "p99_ms", "max_ms", "bytes"],
                    (await AllUrlsAsync(filter, urls, s, ct).ConfigureAwait(false)).Select(u => new object?[]
                    {
                        u.Url, u.Requests, u.ServerErrors, u.ErrorRate, u.AverageLatencyMs, u.P50LatencyMs, u.P95LatencyMs,
                        u.P99LatencyMs, u.MaxLatencyMs, u.Bytes,
                    }));
            case "top-urls":
                return Named("url", await s.GetTopUrlsAsync(filter, urls.Grouping, 1000, ct).ConfigureAwait(false));
            case "timeseries":
                var series = await s.GetTimeSeriesAsync(filter, null, ct).ConfigureAwait(false);
                return new ExportTable(["start", "requests", "server_errors", "p50_ms", "p95_ms"],
                    series.Points.Select(p => new object?[] { p.Start, p.Requests, p.ServerErrors, p.MedianLatencyMs, p.P95LatencyMs }));
            case "status-classes":
                return new ExportTable(["class", "requests", "share"],
                    (await s.GetStatusClassesAsync(filter, ct).ConfigureAwait(false)).Select(c => new object?[] { c.Label, c.Requests, c.Share }));
            case "status-codes":
                return new ExportTable(["status", "requests", "share", "top_urls"],
                    (await s.GetStatusCodesAsync(filter, ct).ConfigureAwait(false)).Codes.Select(c => new object?[]
                    {
                        c.Status, c.Requests, c.Share, string.Join(" ", c.TopUrls.Select(u => u.Name)),
                    }));
            case "countries":
                return new ExportTable(["country_code", "country", "requests", "share"],
                    (await s.GetGeographyAsync(filter, 0, ct).ConfigureAwait(false)).Countries.Select(c => new object?[]
                    {
                        c.CountryCode, c.Country, c.Requests, c.Share,
                    }));
            case "cities":
                return new ExportTable(["country_code", "country", "city", "latitude", "longitude", "requests", "share"],
                    (await s.GetGeographyAsync(filter, 10_000, ct).ConfigureAwait(false)).Cities.Select(c => new object?[]
                    {
                        c.CountryCode, c.Country, c.City, c.Latitude, c.Longitude, c.Requests, c.Share,
                    }));
            case "browsers":
                return Versioned("browser", (await s.GetAudienceAsync(filter, ct).ConfigureAwait(false)).Browsers);
            case "platforms":
                return Versioned("platform", (await s.GetAudienceAsync(filter, ct).ConfigureAwait(false)).Platforms);
            case "devices":
                return Named("device", (await s.GetAudienceAsync(filter, ct).ConfigureAwait(false)).Devices);
            case "languages":
                return Named("language", (await s.GetAudienceAsync(filter, ct).ConfigureAwait(false)).Languages);
            default:
                return null;
        }
    }

    private static ExportTable Named(string column, IEnumerable<NamedCount> rows) =>
        new([column, "requests", "share"], rows.Select(r => new object?[] { r.Name, r.Requests, r.Share }));

    /// <summary>One row per family and version (the family's own total is the sum of its rows).</summary>
    private static ExportTable Versioned(string column, IEnumerable<VersionedCount> families) =>
        new([column, "version", "requests", "share"],
            families.SelectMany(f => f.Versions.Select(v => new object?[] { f.Name, v.Name, v.Requests, v.Share })));

    /// <summary>Every row of the URL table in its sort order, page by page (aggregate rows only).</summary>
    private static async Task<List<UrlStatistics>> AllUrlsAsync(UsageFilter filter, UrlTableQuery query, IUsageStatistics s, CancellationToken ct)
    {
        var all = new List<UrlStatistics>();
        for (var page = 1; ; page++)
        {
            var result = await s.GetUrlsAsync(filter, query with { Page = page, PageSize = UrlTableQuery.MaxPageSize }, ct).ConfigureAwait(false);
            all.AddRange(result.Items);
            if (result.Items.Count < UrlTableQuery.MaxPageSize || page >= result.PageCount)
            {
                return all;
            }
        }
    }
}
