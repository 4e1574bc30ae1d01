using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Api;

/// <summary>
/// The filter query parameters every <c>/api/stats</c> and <c>/api/export</c> endpoint takes, bound with
/// <c>[AsParameters]</c>. The keys are the ones the dashboard's own links use.
/// </summary>
internal sealed class FilterQuery
{
    /// <summary>The range when neither start nor end is given.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);

    [FromQuery(Name = "start"), Description("Inclusive start, ISO-8601 (no offset = UTC). Default: end minus 24 hours.")]
    public string? Start { get; set; }

    [FromQuery(Name = "end"), Description("Exclusive end, ISO-8601. Default: now.")]
    public string? End { get; set; }

    [FromQuery(Name = "app"), Description("Application (server_name), exact.")]
    public string? App { get; set; }

    [FromQuery(Name = "group"), Description("Route group (blueprint), exact.")]
    public string? Group { get; set; }

    [FromQuery(Name = "path"), Description("Substring of the request path (case-sensitive).")]
    public string? Path { get; set; }

    [FromQuery(Name = "route"), Description("One route template, e.g. /shop/products/{id} (unmatched requests: their path).")]
    public string? Route { get; set; }

    [FromQuery(Name = "url"), Description("One raw request path, e.g. /shop/products/42.")]
    public string? Url { get; set; }

    [FromQuery(Name = "status"), Description("Status code (404) or class (5xx).")]
    public string? Status { get; set; }

    [FromQuery(Name = "statusClass"), Description("Status class 1-5.")]
    public string? StatusClass { get; set; }

    [FromQuery(Name = "method"), Description("HTTP method.")]
    public string? Method { get; set; }

    [FromQuery(Name = "country"), Description("ISO country code; ZZ selects requests without geo information.")]
    public string? Country { get; set; }

    [FromQuery(Name = "user"), Description("User name, exact.")]
    public string? User { get; set; }

    [FromQuery(Name = "addr"), Description("Client address (remote_addr), exact.")]
    public string? Addr { get; set; }

    [FromQuery(Name = "bots"), Description("all (default), humans or bots.")]
    public string? Bots { get; set; }

    /// <summary>The filter, or null with the errors recorded in <paramref name="q"/>.</summary>
    public UsageFilter? ToFilter(QueryReader q, DateTime now)
    {
        var end = q.Time("end", End) ?? now;
        var start = q.Time("start", Start) ?? end - DefaultRange;
        if (!q.Errors.Any && end <= start)
        {
            q.Errors.Add("end", "end must be after start.");
        }

        int? status = null, statusClass = null;
        var statusText = QueryReader.Text(Status);
        if (statusText is { Length: 3 } && statusText.EndsWith("xx", StringComparison.OrdinalIgnoreCase))
        {
            statusClass = statusText[0] - '0';
            if (statusClass is < 1 or > 5)
            {
                q.Errors.Add("status", "A status class must be 1xx to 5xx.");
            }
        }
        else
        {
            status = q.Int("status", Status, 100, 599);
        }

        statusClass = q.Int("statusClass", StatusClass, 1, 5) ?? statusClass;
        var route = QueryReader.Text(Route);
        var url = QueryReader.Text(Url);
        if (route is not null && url is not null)
        {
            q.Errors.Add("url", "Give either route (a route template) or url (a raw path), not both.");
        }

        var bots = q.Enum<BotFilter>("bots", Bots) ?? BotFilter.All;
        if (q.Errors.Any)
        {
            return null;
        }

        return new UsageFilter
        {
            Start = start,
            End = end,
            Application = QueryReader.Text(App),
            Group = QueryReader.Text(Group),
            PathContains = QueryReader.Text(Path),
            Url = route is not null ? new UrlKey(UrlGrouping.Route, route) : url is not null ? new UrlKey(UrlGrouping.Path, url) : null,
            Status = status,
            StatusClass = statusClass,
            Method = QueryReader.Text(Method),
            CountryCode = QueryReader.Text(Country),
            UserName = QueryReader.Text(User),
            RemoteAddr = QueryReader.Text(Addr),
            Bots = bots,
        };
    }
}
