using System.Globalization;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Services;

/// <summary>Links to the JSON API's export endpoints carrying the filter the page shows.</summary>
internal static class ExportLinks
{
    /// <summary>The request log export (CSV or JSON) of <paramref name="filter"/>.</summary>
    public static string Requests(UsageFilter filter, string format) =>
        "/api/usage/export" + Query(filter, format);

    /// <summary>The export of one statistics table (urls, status-codes, countries, cities, browsers, ...).</summary>
    public static string Table(string table, UsageFilter filter, string format, params (string Key, string? Value)[] extra) =>
        $"/api/stats/{table}/export" + Query(filter, format, extra);

    private static string Query(UsageFilter filter, string format, params (string Key, string? Value)[] extra)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("format", format),
            new("start", filter.Start.ToString("O", CultureInfo.InvariantCulture)),
            new("end", filter.End.ToString("O", CultureInfo.InvariantCulture)),
            new("app", filter.Application),
            new("group", filter.Group),
            new("path", filter.PathContains),
            new("status", filter.Status?.ToString(CultureInfo.InvariantCulture)),
            new("statusClass", filter.StatusClass?.ToString(CultureInfo.InvariantCulture)),
            new("method", filter.Method),
            new("country", filter.CountryCode),
            new("user", filter.UserName),
            new("addr", filter.RemoteAddr),
            new("bots", filter.Bots.ToString().ToLowerInvariant()),
        };
        if (filter.Url is { } url)
        {
            pairs.Add(new(url.Grouping == UrlGrouping.Route ? "route" : "url", url.Value));
        }

        pairs.AddRange(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
    }
}
