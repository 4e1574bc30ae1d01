// Each query takes milliseconds on the small test data; threading the test cancellation token through every call would only add noise.
#pragma warning disable xUnit1051

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;
using static UsageDashboard.Data.Tests.Statistics.StatisticsTestData;

namespace UsageDashboard.Data.Tests.Statistics;

/// <summary>
/// Every aggregate against <see cref="StatisticsTestData"/>, written once and run on each provider
/// (MiniProfiler's StorageBaseTest pattern): the same literal expectations prove identical results.
/// </summary>
public abstract partial class UsageStatisticsTests
{
    private static readonly UsageFilter Day = new() { Start = T0, End = T0.AddDays(1) };

    /// <summary>Options of a database holding exactly <see cref="StatisticsTestData.Records"/>.</summary>
    protected abstract Task<DbContextOptions<UsageDbContext>> SeededAsync();

    /// <summary>Options of a new database with the schema and no rows.</summary>
    protected abstract Task<DbContextOptions<UsageDbContext>> EmptyAsync();

    internal static async Task CreateAsync(DbContextOptions<UsageDbContext> options, IEnumerable<UsageRecord> records)
    {
        await using var db = new UsageDbContext(options);
        await db.Database.EnsureCreatedAsync();
        db.Usage.AddRange(records);
        await db.SaveChangesAsync();
    }

    private async Task<IUsageStatistics> StatisticsAsync() => new UsageStatistics(new PooledDbContextFactory<UsageDbContext>(await SeededAsync()));

    [Fact]
    public async Task Overview_counts_the_period_and_the_previous_one()
    {
        var overview = await (await StatisticsAsync()).GetOverviewAsync(Day);

        var c = overview.Current;
        Assert.Equal(20, c.Requests);
        Assert.Equal(10, c.UniqueVisitors); // 4 visitor ids + 6 distinct addresses of records without one
        Assert.Equal(3, c.ServerErrors);
        Assert.Equal(2, c.ClientErrors);
        Assert.Equal(0.15, c.ErrorRate, 9);
        Assert.Equal(0.10, c.ClientErrorRate, 9);
        Assert.Equal(10_520, c.Bytes);

        var p = overview.Previous;
        Assert.Equal(10, p.Requests);
        Assert.Equal(6, p.UniqueVisitors);
        Assert.Equal(5, p.ServerErrors);
        Assert.Equal(10_500, p.Bytes);
        Assert.Equal(1.0, overview.RequestsChange!.Value, 9);
        Assert.Equal(-0.35, overview.ErrorRateChange!.Value, 9);
    }

    [Fact]
    public async Task Overview_percentiles_match_exact_percentile_cont()
    {
        var c = (await (await StatisticsAsync()).GetOverviewAsync(Day)).Current;

        // Sorted latencies: 1,1,5,5,5,5,10,20,...,100,200,200,200,1500 -> rank 9.5 and 18.05.
        Assert.Equal(45, c.MedianLatencyMs!.Value, 6);
        Assert.Equal(265, c.P95LatencyMs!.Value, 6);
    }

    [Fact]
    public async Task Text_criteria_holding_what_a_database_refuses_match_nothing_instead_of_failing()
    {
        var statistics = await StatisticsAsync();
        // A NUL (PostgreSQL refuses it in a text parameter) in every text criterion, as a crafted dashboard URL can carry.
        var filter = Day with
        {
            Application = "a\0", Group = "g\0", PathContains = "/\0", Method = "G\0", CountryCode = "D\0", UserName = "u\0",
            RemoteAddr = "10.0.0.\0", Url = new UrlKey(UrlGrouping.Path, "/a\0b"),
        };

        // Held as the database stores such text, so they would match a value stored from the same input.
        Assert.Equal(("a\uFFFD", "/a\uFFFDb"), (filter.Application, filter.Url!.Value));
        Assert.Equal(0, (await statistics.GetOverviewAsync(filter)).Current.Requests);
        Assert.Equal(0, (await statistics.GetUrlsAsync(filter with { Url = null }, new UrlTableQuery())).TotalCount);
        Assert.Equal(0, (await statistics.GetRequestsAsync(filter)).TotalCount);
        Assert.Empty(await statistics.GetGroupsAsync("a\0"));
    }

    [Fact]
    public async Task Empty_range_and_empty_database_give_zeros_not_errors()
    {
        var statistics = await StatisticsAsync();
        var empty = new UsageFilter { Start = T0.AddYears(-5), End = T0.AddYears(-5).AddHours(1) };

        var overview = await statistics.GetOverviewAsync(empty);
        Assert.Equal(0, overview.Current.Requests);
        Assert.Null(overview.Current.MedianLatencyMs);
        Assert.Null(overview.RequestsChange);
        var series = await statistics.GetTimeSeriesAsync(empty);
        Assert.Equal(60, series.Points.Count);
        Assert.All(series.Points, p => Assert.Equal(0, p.Requests));
        Assert.Empty((await statistics.GetUrlsAsync(empty, new UrlTableQuery())).Items);
        Assert.True(await statistics.HasRecordsAsync());

        var none = new UsageStatistics(new PooledDbContextFactory<UsageDbContext>(await EmptyAsync()));
        Assert.False(await none.HasRecordsAsync());
        Assert.Empty(await none.GetApplicationsAsync());
        Assert.Empty((await none.GetGeographyAsync(Day)).Countries);
        Assert.Equal(0, (await none.GetAudienceAsync(Day)).HumanRequests);
    }

    [Fact]
    public async Task Time_series_has_every_bucket_with_counts_and_latency()
    {
        var series = await (await StatisticsAsync()).GetTimeSeriesAsync(Day);

        Assert.Equal(TimeSpan.FromMinutes(15), series.BucketSize);
        Assert.Equal(96, series.Points.Count);
        Assert.Equal(T0, series.Points[0].Start);
        Assert.Equal(T0.AddMinutes(15 * 95), series.Points[^1].Start);
        Assert.Equal(20, series.Points.Sum(p => p.Requests));
        Assert.Equal(4, series.Points[40].Requests); // 10:00, the four cart posts
        Assert.Equal(3, series.Points[48].ServerErrors); // 12:00
        Assert.Equal(10, series.Points[0].P95LatencyMs!.Value, 6);
        Assert.Null(series.Points[1].P95LatencyMs);

        var hourly = await (await StatisticsAsync()).GetTimeSeriesAsync(Day, TimeSpan.FromHours(1));
        Assert.Equal(24, hourly.Points.Count);
        Assert.Equal(1, hourly.Points[23].Requests);
        Assert.Equal(1500, hourly.Points[23].MedianLatencyMs!.Value, 6);
    }

    [Fact]
    public async Task Status_classes_count_and_share()
    {
        var classes = await (await StatisticsAsync()).GetStatusClassesAsync(Day);

        Assert.Equal([2, 3, 4, 5], classes.Select(c => c.StatusClass));
        Assert.Equal([14L, 1, 2, 3], classes.Select(c => c.Requests));
        Assert.Equal("2xx", classes[0].Label);
        Assert.Equal(0.7, classes[0].Share, 9);
    }

    [Fact]
    public async Task Top_urls_by_route_template_and_by_raw_path()
    {
        var statistics = await StatisticsAsync();

        var routes = await statistics.GetTopUrlsAsync(Day);
        Assert.Equal(["/shop/products/{id}", "/shop/cart", "/shop/fail", "/nope", "/api/items"], routes.Select(r => r.Name));
        Assert.Equal([10L, 4, 3, 2, 1], routes.Select(r => r.Requests));
        Assert.Equal(0.5, routes[0].Share, 9);

        var paths = await statistics.GetTopUrlsAsync(Day, UrlGrouping.Path, 3);
        Assert.Equal(["/shop/cart", "/shop/products/0", "/shop/fail"], paths.Select(r => r.Name));
        Assert.Equal([4L, 4, 3], paths.Select(r => r.Requests));
    }

    [Fact]
    public async Task Top_countries_include_unknown()
    {
        var countries = await (await StatisticsAsync()).GetTopCountriesAsync(Day);

        Assert.Equal(["DE", "US", "ZZ", "FR"], countries.Select(c => c.CountryCode));
        Assert.Equal(["Germany", "United States", "Unknown", "France"], countries.Select(c => c.Country));
        Assert.Equal([10L, 6, 3, 1], countries.Select(c => c.Requests));
        Assert.Equal(0.15, countries[2].Share, 9);
    }

    [Fact]
    public async Task Url_table_rows_sort_search_and_page()
    {
        var statistics = await StatisticsAsync();

        var first = await statistics.GetUrlsAsync(Day, new UrlTableQuery { PageSize = 2 });
        Assert.Equal(5, first.TotalCount);
        Assert.Equal(3, first.PageCount);
        Assert.Equal(["/shop/products/{id}", "/shop/cart"], first.Items.Select(i => i.Url));
        var products = first.Items[0];
        Assert.Equal(10, products.Requests);
        Assert.Equal(0, products.ErrorRate);
        Assert.Equal(55, products.AverageLatencyMs, 6);
        Assert.Equal(55, products.P50LatencyMs, 6);
        Assert.Equal(95.5, products.P95LatencyMs, 6);
        Assert.Equal(99.1, products.P99LatencyMs, 6);
        Assert.Equal(100, products.MaxLatencyMs, 6);
        Assert.Equal(10_000, products.Bytes);

        var third = await statistics.GetUrlsAsync(Day, new UrlTableQuery { PageSize = 2, Page = 3 });
        Assert.Equal(["/api/items"], third.Items.Select(i => i.Url));
        var beyond = await statistics.GetUrlsAsync(Day, new UrlTableQuery { PageSize = 2, Page = 9 });
        Assert.Empty(beyond.Items);
        Assert.Equal(5, beyond.TotalCount);

        var byP95 = await statistics.GetUrlsAsync(Day, new UrlTableQuery { Sort = UrlSort.P95Latency });
        Assert.Equal(["/api/items", "/shop/fail", "/shop/products/{id}", "/shop/cart", "/nope"], byP95.Items.Select(i => i.Url));
        var byErrors = await statistics.GetUrlsAsync(Day, new UrlTableQuery { Sort = UrlSort.ErrorRate, PageSize = 1 });
        Assert.Equal("/shop/fail", byErrors.Items[0].Url);
        Assert.Equal(1, byErrors.Items[0].ErrorRate);
        var byUrl = await statistics.GetUrlsAsync(Day, new UrlTableQuery { Sort = UrlSort.Url, Descending = false });
        Assert.Equal(["/api/items", "/nope", "/shop/cart", "/shop/fail", "/shop/products/{id}"], byUrl.Items.Select(i => i.Url));

        var search = await statistics.GetUrlsAsync(Day, new UrlTableQuery { Search = "shop" });
        Assert.Equal(3, search.TotalCount);
        var rawPaths = await statistics.GetUrlsAsync(Day, new UrlTableQuery { Grouping = UrlGrouping.Path, Search = "/shop/products/" });
        Assert.Equal(["/shop/products/0", "/shop/products/1", "/shop/products/2"], rawPaths.Items.Select(i => i.Url));
        Assert.Equal([4L, 3, 3], rawPaths.Items.Select(i => i.Requests));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => statistics.GetUrlsAsync(Day, new UrlTableQuery { PageSize = 0 }));
    }

    [Fact]
    public async Task Url_detail_covers_one_url()
    {
        var detail = await (await StatisticsAsync()).GetUrlDetailAsync(Day, new UrlKey(UrlGrouping.Route, "/shop/products/{id}"), 5);

        Assert.NotNull(detail.Summary);
        Assert.Equal(10, detail.Summary.Requests);
        Assert.Equal(55, detail.Summary.AverageLatencyMs, 6);
        Assert.Equal(10, detail.Histogram.Sum(b => b.Requests));
        Assert.Equal(10, detail.Histogram[0].LowerMs);
        Assert.Equal(100, detail.Histogram[^1].LowerMs);
        Assert.Equal(96, detail.Latency.Count);
        Assert.Equal(10, detail.Latency.Sum(p => p.Requests));
        Assert.Equal(20, detail.Latency[4].P99LatencyMs!.Value, 6); // 01:00
        Assert.Equal(10, detail.StatusOverTime.Sum(p => p.Success));
        Assert.Equal(0, detail.StatusOverTime.Sum(p => p.ServerError));
        Assert.Equal("DE", Assert.Single(detail.TopCountries).CountryCode);
        Assert.Equal("Chrome", Assert.Single(detail.TopBrowsers).Name);
        Assert.Equal(5, detail.RecentRequests.Count);
        Assert.Equal(T0.AddHours(9), detail.RecentRequests[0].Date);

        var missing = await (await StatisticsAsync()).GetUrlDetailAsync(Day, new UrlKey(UrlGrouping.Path, "/never"));
        Assert.Null(missing.Summary);
        Assert.Empty(missing.Histogram);
        Assert.Empty(missing.RecentRequests);
    }

    [Fact]
    public async Task Status_codes_table_series_and_top_urls()
    {
        var status = await (await StatisticsAsync()).GetStatusCodesAsync(Day);

        Assert.Equal([200, 201, 500, 404, 302], status.Codes.Select(c => c.Status));
        Assert.Equal([10L, 4, 3, 2, 1], status.Codes.Select(c => c.Requests));
        Assert.Equal(0.15, status.Codes[2].Share, 9);
        var fail = Assert.Single(status.Codes[2].TopUrls);
        Assert.Equal("/shop/fail", fail.Name);
        Assert.Equal(1, fail.Share);
        Assert.Equal("/nope", Assert.Single(status.Codes[3].TopUrls).Name);
        Assert.Equal(96, status.Series.Count);
        Assert.Equal(14, status.Series.Sum(p => p.Success));
        Assert.Equal(1, status.Series.Sum(p => p.Redirection));
        Assert.Equal(2, status.Series.Sum(p => p.ClientError));
        Assert.Equal(3, status.Series[48].ServerError);
        Assert.Equal(20, status.Series.Sum(p => p.Total));
    }

    [Fact]
    public async Task Geography_lists_countries_and_cities()
    {
        var geo = await (await StatisticsAsync()).GetGeographyAsync(Day);

        Assert.Equal(["DE", "US", "ZZ", "FR"], geo.Countries.Select(c => c.CountryCode));
        Assert.Equal(20, geo.Countries.Sum(c => c.Requests));
        Assert.Equal(["Berlin", "Paris"], geo.Cities.Select(c => c.City));
        var berlin = geo.Cities[0];
        Assert.Equal("Germany", berlin.Country);
        Assert.Equal(10, berlin.Requests);
        Assert.Equal(0.5, berlin.Share, 9);
        Assert.Equal(52.52, berlin.Latitude!.Value, 6);
        Assert.Equal(13.40, berlin.Longitude!.Value, 6);
    }

    [Fact]
    public async Task Audience_groups_browsers_platforms_devices_languages_and_bots()
    {
        var audience = await (await StatisticsAsync()).GetAudienceAsync(Day);

        Assert.Equal(["Chrome", "Firefox", "Unknown", "Googlebot"], audience.Browsers.Select(b => b.Name));
        Assert.Equal([10L, 4, 4, 2], audience.Browsers.Select(b => b.Requests));
        Assert.Equal(["120", "121"], audience.Browsers[0].Versions.Select(v => v.Name));
        Assert.Equal([5L, 5], audience.Browsers[0].Versions.Select(v => v.Requests));
        Assert.Equal(["Windows", "Linux", "Unknown", "Other"], audience.Platforms.Select(p => p.Name));
        Assert.Equal("Unknown", Assert.Single(audience.Platforms[1].Versions).Name);
        Assert.Equal(["Desktop", "Unknown", "Spider"], audience.Devices.Select(d => d.Name));
        Assert.Equal([14L, 4, 2], audience.Devices.Select(d => d.Requests));
        Assert.Equal(["de-DE", "Unknown", "en-US", "fr"], audience.Languages.Select(l => l.Name));
        Assert.Equal(18, audience.HumanRequests);
        Assert.Equal(2, audience.BotRequests);
        Assert.Equal(0.1, audience.BotShare, 9);

        var humans = await (await StatisticsAsync()).GetAudienceAsync(Day with { Bots = BotFilter.Humans });
        Assert.Equal(0, humans.BotRequests);
        Assert.DoesNotContain(humans.Browsers, b => b.Name == "Googlebot");
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Every_filter_narrows_every_aggregate_alike(string name, UsageFilter filter, long expected)
    {
        var statistics = await StatisticsAsync();

        var log = await statistics.GetRequestsAsync(filter, 1, 100);
        Assert.True(expected == log.TotalCount, $"{name}: request log total {log.TotalCount}, expected {expected}");
        Assert.Equal(expected, log.Items.Count);
        Assert.Equal(expected, (await statistics.GetOverviewAsync(filter)).Current.Requests);
        Assert.Equal(expected, (await statistics.GetTimeSeriesAsync(filter)).Points.Sum(p => p.Requests));
        Assert.Equal(expected, (await statistics.GetStatusClassesAsync(filter)).Sum(c => c.Requests));
        Assert.Equal(expected, (await statistics.GetStatusCodesAsync(filter)).Codes.Sum(c => c.Requests));
        Assert.Equal(expected, (await statistics.GetGeographyAsync(filter)).Countries.Sum(c => c.Requests));
        Assert.Equal(expected, (await statistics.GetUrlsAsync(filter, new UrlTableQuery())).Items.Sum(u => u.Requests));
        var audience = await statistics.GetAudienceAsync(filter);
        Assert.Equal(expected, audience.HumanRequests + audience.BotRequests);
        Assert.Equal(expected, audience.Browsers.Sum(b => b.Requests));
    }

    public static TheoryData<string, UsageFilter, long> Filters() => new()
    {
        { "none", Day, 20 },
        { "application", Day with { Application = "ShopApi" }, 1 },
        { "group", Day with { Group = "shop" }, 17 },
        { "path contains", Day with { PathContains = "products" }, 10 },
        { "path contains is case-sensitive", Day with { PathContains = "PRODUCTS" }, 0 },
        { "route", Day with { Url = new UrlKey(UrlGrouping.Route, "/shop/cart") }, 4 },
        { "unmatched route falls back to path", Day with { Url = new UrlKey(UrlGrouping.Route, "/nope") }, 2 },
        { "raw path", Day with { Url = new UrlKey(UrlGrouping.Path, "/shop/products/0") }, 4 },
        { "status", Day with { Status = 404 }, 2 },
        { "status class", Day with { StatusClass = 2 }, 14 },
        { "method", Day with { Method = "post" }, 4 },
        { "country", Day with { CountryCode = "us" }, 6 },
        { "unknown country", Day with { CountryCode = UsageFilter.UnknownCountryCode }, 3 },
        { "user", Day with { UserName = "alice" }, 1 },
        { "remote address", Day with { RemoteAddr = "10.1.0.1" }, 4 },
        { "humans", Day with { Bots = BotFilter.Humans }, 18 },
        { "bots", Day with { Bots = BotFilter.Bots }, 2 },
        { "combined", Day with { Group = "shop", StatusClass = 5, Method = "GET" }, 3 },
        { "previous day", Day.PreviousPeriod(), 10 },
    };

    [Fact]
    public async Task Request_log_is_newest_first_and_pages()
    {
        var statistics = await StatisticsAsync();

        var page1 = await statistics.GetRequestsAsync(Day, 1, 8);
        var page3 = await statistics.GetRequestsAsync(Day, 3, 8);
        Assert.Equal(20, page1.TotalCount);
        Assert.Equal(3, page1.PageCount);
        Assert.Equal(T0.AddHours(23).AddMinutes(59), page1.Items[0].Date);
        Assert.Equal("/api/items", page1.Items[0].Path);
        Assert.Equal(DateTimeKind.Utc, page1.Items[0].Date.Kind);
        Assert.Equal(4, page3.Items.Count);
        Assert.Equal(T0, page3.Items[^1].Date);
        var all = (await statistics.GetRequestsAsync(Day, 0, 100)).Items;
        Assert.Equal(all.OrderByDescending(r => r.Date).Select(r => r.Id), all.Select(r => r.Id));

        var one = await statistics.GetRequestAsync(all[0].Id);
        Assert.NotNull(one);
        Assert.Equal("ShopApi", one.ServerName);
        Assert.Null(await statistics.GetRequestAsync(-1));

        var streamed = new List<UsageRecord>();
        await foreach (var record in statistics.StreamRequestsAsync(Day))
        {
            streamed.Add(record);
        }

        Assert.Equal(all.Select(r => r.Id), streamed.Select(r => r.Id));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => statistics.GetRequestsAsync(Day, 1, IUsageStatistics.MaxRequestPageSize + 1));
    }

    [Fact]
    public async Task Applications_and_groups_for_dropdowns()
    {
        var statistics = await StatisticsAsync();

        Assert.Equal(["HostApp", "ShopApi"], await statistics.GetApplicationsAsync());
        Assert.Equal(["api", "shop"], await statistics.GetGroupsAsync());
        Assert.Equal(["api"], await statistics.GetGroupsAsync("ShopApi"));
    }

    [Fact]
    public async Task Bad_filters_are_rejected()
    {
        var statistics = await StatisticsAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => statistics.GetOverviewAsync(Day with { End = T0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => statistics.GetTimeSeriesAsync(Day, TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => statistics.GetTopUrlsAsync(Day, count: 0));
    }

    [Fact]
    public async Task Percentiles_of_a_log_normal_sample_stay_within_tolerance()
    {
        // 5 000 log-normal latencies (median 40 ms, heavy tail) in their own year, compared with exact percentile_cont.
        var random = new Random(42);
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var speeds = Enumerable.Range(0, 5000).Select(_ =>
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Round(Math.Exp(Math.Log(0.040) + 0.8 * normal), 6);
        }).ToArray();
        var options = await EmptyAsync();
        await CreateAsync(options, speeds.Select((s, i) => new UsageRecord
        {
            Date = start.AddSeconds(i), Url = "u", Path = "/p", Route = "/p", Method = "GET", Status = 200, Speed = s,
        }));
        var statistics = new UsageStatistics(new PooledDbContextFactory<UsageDbContext>(options));
        var filter = new UsageFilter { Start = start, End = start.AddDays(1) };

        var row = Assert.Single((await statistics.GetUrlsAsync(filter, new UrlTableQuery())).Items);
        var overview = (await statistics.GetOverviewAsync(filter)).Current;
        var sorted = speeds.Select(s => s * 1000).Order().ToArray();
        AssertClose(Exact(sorted, 0.50), row.P50LatencyMs);
        AssertClose(Exact(sorted, 0.95), row.P95LatencyMs);
        AssertClose(Exact(sorted, 0.99), row.P99LatencyMs);
        AssertClose(Exact(sorted, 0.50), overview.MedianLatencyMs!.Value);
        AssertClose(Exact(sorted, 0.95), overview.P95LatencyMs!.Value);
        Assert.Equal(sorted.Average(), row.AverageLatencyMs, 6);
        Assert.Equal(sorted[^1], row.MaxLatencyMs, 6);

        static void AssertClose(double exact, double estimate) =>
            Assert.True(Math.Abs(estimate - exact) <= exact * 0.02, $"estimate {estimate} vs exact {exact}");
    }

    private static double Exact(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
