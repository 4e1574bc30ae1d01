using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Dashboard.Tests.Support;

/// <summary>Known statistics results the page tests assert against.</summary>
internal static class SampleData
{
    public static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    public static OverviewStatistics Overview(long requests = 12_345) => new(
        new PeriodSummary(requests, 2_345, 123, 456, 42.5, 380, 98_765_432),
        new PeriodSummary(10_000, 2_000, 100, 400, 40, 400, 90_000_000));

    public static OverviewStatistics EmptyRange() => new(
        new PeriodSummary(0, 0, 0, 0, null, null, 0),
        new PeriodSummary(0, 0, 0, 0, null, null, 0));

    public static TimeSeries Series(UsageFilter filter)
    {
        var size = TimeBuckets.Choose(filter.Duration);
        var points = new List<TimeSeriesPoint>();
        for (var t = TimeBuckets.Floor(filter.Start, size); t < filter.End; t += size)
        {
            points.Add(new TimeSeriesPoint(t, 100, 2, 40, 350));
        }

        return new TimeSeries(size, points);
    }

    public static IReadOnlyList<StatusClassCount> StatusClasses() =>
    [
        new(2, 11_000, 0.89), new(3, 766, 0.06), new(4, 456, 0.04), new(5, 123, 0.01),
    ];

    public static IReadOnlyList<NamedCount> TopUrls() =>
    [
        new("/shop/products/{id}", 5_000, 0.4), new("/", 3_000, 0.24), new("/api/orders", 1_200, 0.1),
    ];

    public static IReadOnlyList<CountryCount> Countries() =>
    [
        new("DE", "Germany", 6_000, 0.49), new("US", "United States", 4_000, 0.32), new("ZZ", "Unknown", 2_345, 0.19),
    ];

    public static PagedResult<UrlStatistics> Urls() => new(
        [
            new UrlStatistics("/shop/products/{id}", 5_000, 50, 48, 40, 310, 900, 2_400, 40_000_000),
            new UrlStatistics("/api/orders", 1_200, 0, 20, 18, 60, 90, 150, 3_000_000),
        ],
        62, 1, 25);

    public static UrlDetail UrlDetail(UsageFilter filter, UrlKey url)
    {
        var size = TimeBuckets.Choose(filter.Duration);
        var start = TimeBuckets.Floor(filter.Start, size);
        return new UrlDetail(
            url,
            new UrlStatistics(url.Value, 5_000, 50, 48, 40, 310, 900, 2_400, 40_000_000),
            size,
            [new LatencyPoint(start, 10, 40, 300, 800), new LatencyPoint(start + size, 12, 42, 320, 850)],
            [new LatencyBucket(10, 12.5, 30), new LatencyBucket(12.5, 16, 50), new LatencyBucket(2000, double.PositiveInfinity, 2)],
            [new StatusClassPoint(start, 0, 9, 0, 1, 0, 0), new StatusClassPoint(start + size, 0, 12, 0, 0, 0, 0)],
            [new CountryCount("DE", "Germany", 3_000, 0.6)],
            [new NamedCount("Firefox", 2_000, 0.4)],
            Requests(1).Items.Take(2).ToArray());
    }

    public static StatusCodeStatistics StatusCodes(UsageFilter filter)
    {
        var size = TimeBuckets.Choose(filter.Duration);
        var start = TimeBuckets.Floor(filter.Start, size);
        return new StatusCodeStatistics(
            size,
            [new StatusClassPoint(start, 0, 100, 5, 4, 1, 0), new StatusClassPoint(start + size, 0, 90, 3, 2, 0, 0)],
            [
                new StatusCodeRow(200, 11_000, 0.89, [new NamedCount("/", 3_000, 0.27)]),
                new StatusCodeRow(404, 400, 0.03, [new NamedCount("/missing", 300, 0.75)]),
                new StatusCodeRow(500, 123, 0.01, [new NamedCount("/api/orders", 100, 0.81)]),
            ]);
    }

    public static GeographyStatistics Geography() => new(
        Countries(),
        [new CityCount("DE", "Germany", "Berlin", 52.5, 13.4, 2_000, 0.16), new CityCount("US", "United States", "Seattle", 47.6, -122.3, 900, 0.07)]);

    public static AudienceStatistics Audience(UsageFilter filter) => new(
        [
            new VersionedCount("Chrome", 6_000, 0.5, [new NamedCount("131", 4_000, 0.33), new NamedCount("130", 2_000, 0.17)]),
            new VersionedCount("Firefox", 3_000, 0.25, [new NamedCount("133", 3_000, 0.25)]),
        ],
        [new VersionedCount("Windows", 5_000, 0.42, [new NamedCount("11", 3_000, 0.25)]), new VersionedCount("Android", 2_000, 0.17, [])],
        [new NamedCount("Desktop", 8_000, 0.66), new NamedCount("Mobile", 4_000, 0.33)],
        [new NamedCount("en-US", 6_000, 0.5), new NamedCount("de-DE", 3_000, 0.25)],
        filter.Bots == BotFilter.Bots ? 0 : 11_000,
        filter.Bots == BotFilter.Humans ? 0 : 1_000);

    public static PagedResult<UsageRecord> Requests(int page) => new(
        [
            new UsageRecord
            {
                Id = 101, Date = Now.AddMinutes(-1), Url = "http://localhost/shop/products/42?ref=mail", Path = "/shop/products/42",
                Route = "/shop/products/{id}", Blueprint = "shop", ViewArgs = "{\"id\":\"42\"}", UrlArgs = "{\"ref\":\"mail\"}",
                TrackVar = "{\"campaign\":\"winter\"}", IpInfo = "{\"country\":\"DE\",\"city\":\"Berlin\"}", Status = 200, Method = "GET",
                RemoteAddr = "203.0.113.7", Browser = "Firefox", BrowserVersion = "133", Platform = "Windows", CountryCode = "DE", Country = "Germany",
                City = "Berlin", Speed = 0.042, ContentLength = 5120, UserName = "alice", ServerName = "HostApp",
            },
            new UsageRecord
            {
                Id = 100, Date = Now.AddMinutes(-2), Url = "http://localhost/api/orders", Path = "/api/orders", Route = "/api/orders",
                Status = 500, Method = "POST", RemoteAddr = "198.51.100.4", Browser = "curl", Speed = 1.5, ContentLength = 120, IsBot = true,
            },
        ],
        120, page, 50);
}
