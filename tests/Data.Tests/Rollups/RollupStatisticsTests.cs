// Each call is short and local; per-call cancellation plumbing would only add noise here.
#pragma warning disable xUnit1051
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data.Retention;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>
/// The rollup-backed statistics give the same counts as the raw-row statistics for ranges with partial
/// 15-minute and day edges, on every provider; percentiles agree within the histogram's tolerance.
/// </summary>
public abstract class RollupStatisticsTests
{
    private protected abstract Task<RollupTestDatabase> CreateDatabaseAsync();

    private static async Task<(IUsageStatistics Rollup, IUsageStatistics Raw, RollupTestDatabase Db)> ArrangeAsync(RollupTestDatabase db)
    {
        var start = new DateTime(2026, 11, 10, 0, 0, 0, DateTimeKind.Utc);
        var records = RollupRecords.Spread(start, TimeSpan.FromDays(6), 3000);
        foreach (var r in records)
        {
            // The enricher's English names; the Country rollup keeps the code only and names it the same way.
            r.Country = EnglishName(r.CountryCode);
        }

        foreach (var chunk in records.Chunk(700))
        {
            await db.StoreAsync(chunk);
        }

        var contexts = db.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        var raw = new UsageStatistics(contexts);
        return (new RollupUsageStatistics(contexts, raw, new UsageRollupOptions(), TimeProvider.System), raw, db);
    }

    private static string? EnglishName(string? countryCode) =>
        countryCode switch { "DE" => "Germany", "US" => "United States", "FR" => "France", _ => null };

    /// <summary>Rollup statistics whose status codes, geography and audience pages may not fall back to raw rows.</summary>
    private static IUsageStatistics PagesFromRollupsOnly(RollupTestDatabase db, IUsageStatistics raw) =>
        new RollupUsageStatistics(db.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>(), NoPageFallback.Wrap(raw), new UsageRollupOptions(), TimeProvider.System);

    public static TheoryData<string?, string?, BotFilter> PageFilters => new()
    {
        { null, null, BotFilter.All },
        { "shop-app", null, BotFilter.All },
        { null, "shop", BotFilter.All },
        { null, null, BotFilter.Humans },
        { "api", null, BotFilter.Bots },
    };

    // Ragged ranges for every bucket size the status series may choose from rollups: 15 minutes (<= 2 days),
    // 1 hour (<= 14 days), 6 hours (<= 62 days, base buckets only) and 1 day (day buckets).
    private static readonly (DateTime Start, DateTime End)[] PageRanges =
    [
        (new DateTime(2026, 11, 11, 7, 23, 11, 5, DateTimeKind.Utc), new DateTime(2026, 11, 12, 19, 2, 59, 999, DateTimeKind.Utc)),
        (new DateTime(2026, 11, 10, 5, 7, 0, DateTimeKind.Utc), new DateTime(2026, 11, 15, 22, 50, 0, DateTimeKind.Utc)),
        (new DateTime(2026, 11, 1, 3, 7, 1, DateTimeKind.Utc), new DateTime(2026, 11, 21, 0, 0, 0, 1, DateTimeKind.Utc)),
        (new DateTime(2026, 9, 30, 23, 59, 0, DateTimeKind.Utc), new DateTime(2026, 12, 5, 0, 14, 0, DateTimeKind.Utc)),
    ];

    private static UsageFilter PageFilter((DateTime Start, DateTime End) range, string? application, string? group, BotFilter bots) => new()
    {
        Start = range.Start,
        End = range.End,
        Application = application,
        Group = group,
        Bots = bots,
    };

    [Theory]
    [MemberData(nameof(PageFilters))]
    public async Task Status_codes_equal_raw_statistics_for_every_series_bucket_size(string? application, string? group, BotFilter bots)
    {
        await using var db = await CreateDatabaseAsync();
        var (_, raw, _) = await ArrangeAsync(db);
        var rollup = PagesFromRollupsOnly(db, raw);
        var sizes = new List<TimeSpan>();
        foreach (var range in PageRanges)
        {
            var filter = PageFilter(range, application, group, bots);
            var a = await AssertSameStatusCodesAsync(raw, rollup, filter);
            Assert.NotEmpty(a.Codes);
            Assert.Contains(a.Codes, c => c.TopUrls.Count > 1);
            sizes.Add(a.BucketSize);
        }

        Assert.Equal([TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromDays(1)], sizes);
    }

    private static async Task<StatusCodeStatistics> AssertSameStatusCodesAsync(IUsageStatistics raw, IUsageStatistics rollup, UsageFilter filter)
    {
        var e = await raw.GetStatusCodesAsync(filter);
        var a = await rollup.GetStatusCodesAsync(filter);
        Assert.Equal(e.BucketSize, a.BucketSize);
        Assert.Equal(e.Series, a.Series);
        Assert.Equal(e.Codes.Select(Flatten), a.Codes.Select(Flatten));
        return a;

        static string Flatten(StatusCodeRow r) =>
            $"{r.Status} {r.Requests} {r.Share:R} [{string.Join("; ", r.TopUrls.Select(u => $"{u.Name} {u.Requests} {u.Share:R}"))}]";
    }

    [Theory]
    [MemberData(nameof(PageFilters))]
    public async Task Geography_equals_raw_statistics_with_city_coordinates_across_the_antimeridian(string? application, string? group, BotFilter bots)
    {
        await using var db = await CreateDatabaseAsync();
        var (_, raw, _) = await ArrangeAsync(db);
        var rollup = PagesFromRollupsOnly(db, raw);
        foreach (var range in PageRanges)
        {
            var filter = PageFilter(range, application, group, bots);
            foreach (var cityCount in new[] { 100, 3, 0 })
            {
                await AssertSameGeographyAsync(raw, rollup, filter, cityCount);
            }
        }

        var all = await rollup.GetGeographyAsync(PageFilter(PageRanges[1], application, group, bots));
        Assert.Contains(all.Countries, c => c is { CountryCode: UsageFilter.UnknownCountryCode, Country: "Unknown" });
        Assert.Contains(all.Countries, c => c is { CountryCode: "DE", Country: "Germany" });
        // Suva's records lie at 178.5 and -179.75: their mean is near the antimeridian, not near Greenwich.
        Assert.All(all.Cities.Where(c => c.City == "Suva"), c => Assert.True(Math.Abs(c.Longitude!.Value) > 178));
        Assert.All(all.Cities.Where(c => c.City == "Nowhere"), c => Assert.Null(c.Latitude));
        Assert.Contains(all.Cities, c => c.City == "Suva");
        Assert.DoesNotContain(all.Cities, c => c.City.Length == 0);
    }

    private static async Task<GeographyStatistics> AssertSameGeographyAsync(IUsageStatistics raw, IUsageStatistics rollup, UsageFilter filter, int cityCount)
    {
        var e = await raw.GetGeographyAsync(filter, cityCount);
        var a = await rollup.GetGeographyAsync(filter, cityCount);
        Assert.Equal(e.Countries, a.Countries);
        Assert.Equal(e.Cities.Count, a.Cities.Count);
        foreach (var (ec, ac) in e.Cities.Zip(a.Cities))
        {
            Assert.Equal((ec.CountryCode, ec.Country, ec.City, ec.Requests, ec.Share), (ac.CountryCode, ac.Country, ac.City, ac.Requests, ac.Share));
            Assert.Equal(ec.Latitude is null, ac.Latitude is null);
            Assert.Equal(ec.Longitude is null, ac.Longitude is null);
            Assert.InRange(Math.Abs(ec.Latitude.GetValueOrDefault() - ac.Latitude.GetValueOrDefault()), 0, 1e-9);
            Assert.InRange(Math.Abs(ec.Longitude.GetValueOrDefault() - ac.Longitude.GetValueOrDefault()), 0, 1e-9);
        }

        return a;
    }

    [Theory]
    [MemberData(nameof(PageFilters))]
    public async Task Audience_equals_raw_statistics(string? application, string? group, BotFilter bots)
    {
        await using var db = await CreateDatabaseAsync();
        var (_, raw, _) = await ArrangeAsync(db);
        var rollup = PagesFromRollupsOnly(db, raw);
        foreach (var range in PageRanges)
        {
            var filter = PageFilter(range, application, group, bots);
            var a = await AssertSameAudienceAsync(raw, rollup, filter);
            Assert.Contains(a.Browsers, b => b.Versions.Any(v => v.Name == "Unknown"));
            Assert.Contains(a.Platforms, p => p.Versions.Count > 1);
            if (application is null && group is null && bots == BotFilter.All)
            {
                // The test data's browsers and devices repeat in step with groups and bots: only the whole data has every one.
                Assert.Contains(a.Browsers, b => b.Name == "Unknown");
                Assert.Contains(a.Devices, d => d.Name == "Unknown");
                Assert.True(a.BotRequests > 0 && a.HumanRequests > 0);
            }
        }
    }

    private static async Task<AudienceStatistics> AssertSameAudienceAsync(IUsageStatistics raw, IUsageStatistics rollup, UsageFilter filter)
    {
        var e = await raw.GetAudienceAsync(filter);
        var a = await rollup.GetAudienceAsync(filter);
        Assert.Equal(e.Browsers.Select(Flatten), a.Browsers.Select(Flatten));
        Assert.Equal(e.Platforms.Select(Flatten), a.Platforms.Select(Flatten));
        Assert.Equal(e.Devices, a.Devices);
        Assert.Equal(e.Languages, a.Languages);
        Assert.Equal((e.HumanRequests, e.BotRequests), (a.HumanRequests, a.BotRequests));
        return a;

        static string Flatten(VersionedCount v) =>
            $"{v.Name} {v.Requests} {v.Share:R} [{string.Join("; ", v.Versions.Select(x => $"{x.Name} {x.Requests} {x.Share:R}"))}]";
    }

    [Fact]
    public async Task Ties_unknowns_and_non_ascii_names_order_as_the_raw_queries_on_each_provider()
    {
        await using var db = await CreateDatabaseAsync();
        // Every value three times: once in a raw edge, once in a base bucket, once in a whole day.
        DateTime[] times =
        [
            new(2026, 11, 10, 0, 10, 0, DateTimeKind.Utc),
            new(2026, 11, 10, 8, 0, 0, DateTimeKind.Utc),
            new(2026, 11, 11, 12, 0, 0, DateTimeKind.Utc),
        ];
        // A stored "Unknown" beside missing or empty values (empty in the whole day only), and code points whose
        // UTF-16 order differs from UTF-8's (U+FF21 before U+1F600).
        string?[] names = ["Unknown", null, "Alpha", "\uFF21", "\U0001F600", "Zeta"];
        string?[] countries = ["FR", "DE", null, "ZZ", "US", "US"];
        string?[] cities = ["Suva", "Suva", "Paris", null, "Suva", ""];
        var records = new List<UsageDashboard.Tracker.UsageRecord>();
        var i = 0;
        foreach (var time in times)
        {
            for (var j = 0; j < names.Length; j++)
            {
                string? Name(int k) => names[k % names.Length] ?? (time == times[2] ? "" : null);
                var r = RollupRecords.Create(time, i++);
                r.IsBot = j == 2;
                r.Device = Name(j);
                r.Language = Name(j);
                r.Browser = Name(j);
                r.BrowserVersion = Name(j + 1);
                r.Platform = Name(j + 2);
                r.OsVersion = Name(j);
                r.Route = Name(j);
                r.Status = j % 2 == 0 ? 200 : 404;
                r.CountryCode = countries[j];
                r.Country = EnglishName(countries[j]);
                r.City = cities[j];
                records.Add(r);
            }
        }

        await db.StoreAsync(records);
        var contexts = db.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        var raw = new UsageStatistics(contexts);
        var rollup = PagesFromRollupsOnly(db, raw);
        var filter = new UsageFilter
        {
            Start = new DateTime(2026, 11, 10, 0, 7, 0, DateTimeKind.Utc),
            End = new DateTime(2026, 11, 12, 0, 5, 0, DateTimeKind.Utc),
        };

        var status = await AssertSameStatusCodesAsync(raw, rollup, filter);
        Assert.Equal(status.Codes[0].Requests, status.Codes[1].Requests);
        var geography = await AssertSameGeographyAsync(raw, rollup, filter, 100);
        Assert.Contains(geography.Countries, c => c is { CountryCode: UsageFilter.UnknownCountryCode, Requests: 6 });
        var audience = await AssertSameAudienceAsync(raw, rollup, filter);
        Assert.Equal(6, audience.Devices.Count);
        Assert.Equal(2, audience.Devices.Count(d => d.Name == "Unknown"));
        Assert.Equal(3, audience.BotRequests);
    }

    [Fact]
    public async Task Request_log_totals_and_filter_lists_equal_raw_statistics()
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw, _) = await ArrangeAsync(db);
        var range = new UsageFilter
        {
            Start = new DateTime(2026, 11, 11, 7, 23, 11, DateTimeKind.Utc),
            End = new DateTime(2026, 11, 14, 16, 2, 59, DateTimeKind.Utc),
        };

        foreach (var filter in (UsageFilter[])[
            range, range with { Bots = BotFilter.Humans }, range with { Bots = BotFilter.Bots, Application = "shop-app" },
            range with { Status = 500 }, range with { StatusClass = 4, Group = "shop" }, range with { CountryCode = "de" },
            range with { CountryCode = UsageFilter.UnknownCountryCode }, range with { StatusClass = 5, CountryCode = "US" },
            range with { PathContains = "/p/1" }])
        {
            var expected = await raw.GetRequestsAsync(filter, 2, 25);
            var actual = await rollup.GetRequestsAsync(filter, 2, 25);
            Assert.Equal(expected.TotalCount, actual.TotalCount);
            Assert.Equal(expected.Items.Select(r => r.Id), actual.Items.Select(r => r.Id));
        }

        Assert.Equal(await raw.GetApplicationsAsync(), await rollup.GetApplicationsAsync());
        Assert.Equal(await raw.GetGroupsAsync(), await rollup.GetGroupsAsync());
        Assert.Equal(await raw.GetGroupsAsync("shop-app"), await rollup.GetGroupsAsync("shop-app"));
        Assert.NotEmpty(await rollup.GetGroupsAsync("shop-app"));
    }

    [Fact]
    public async Task Pages_with_criteria_the_rollups_lack_read_raw_rows()
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw, _) = await ArrangeAsync(db);
        var filter = PageFilter(PageRanges[1], null, null, BotFilter.All) with { CountryCode = "DE" };
        var expected = await raw.GetAudienceAsync(filter);
        var actual = await rollup.GetAudienceAsync(filter);
        Assert.Equal(expected.Devices, actual.Devices);
        Assert.Equal(expected.HumanRequests, actual.HumanRequests);
        var fallback = PagesFromRollupsOnly(db, raw);
        await Assert.ThrowsAsync<InvalidOperationException>(() => fallback.GetStatusCodesAsync(filter with { CountryCode = null, Status = 404 }));
        // A range under three hours has one-minute buckets, which base buckets cannot give.
        var shortRange = PageFilter((PageRanges[1].Start, PageRanges[1].Start.AddHours(2)), null, null, BotFilter.All);
        Assert.Equal((await raw.GetStatusCodesAsync(shortRange)).Series, (await rollup.GetStatusCodesAsync(shortRange)).Series);
        await Assert.ThrowsAsync<InvalidOperationException>(() => fallback.GetStatusCodesAsync(shortRange));
    }

    public static TheoryData<string?, string?> Filters => new()
    {
        { null, null },
        { "shop-app", null },
        { null, "shop" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Overview_counts_equal_raw_statistics_over_ragged_ranges(string? application, string? group)
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw, _) = await ArrangeAsync(db);
        var filter = new UsageFilter
        {
            Start = new DateTime(2026, 11, 11, 7, 23, 11, 5, DateTimeKind.Utc),
            End = new DateTime(2026, 11, 14, 16, 2, 59, 999, DateTimeKind.Utc),
            Application = application,
            Group = group,
        };

        var expected = await raw.GetOverviewAsync(filter);
        var actual = await rollup.GetOverviewAsync(filter);
        foreach (var (e, a) in new[] { (expected.Current, actual.Current), (expected.Previous, actual.Previous) })
        {
            Assert.Equal(e.Requests, a.Requests);
            Assert.Equal(e.Bytes, a.Bytes);
            Assert.Equal(e.ServerErrors, a.ServerErrors);
            Assert.Equal(e.ClientErrors, a.ClientErrors);
            Assert.Equal(e.UniqueVisitors, a.UniqueVisitors);
            Assert.InRange(a.P95LatencyMs!.Value, e.P95LatencyMs!.Value * 0.9, e.P95LatencyMs.Value * 1.1);
        }

        Assert.True(actual.Current.Requests > 0);
    }

    public static TheoryData<DateTime, DateTime> VisitorRanges => new()
    {
        { new DateTime(2026, 11, 11, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 11, 13, 5, 7, DateTimeKind.Utc) },
        { new DateTime(2026, 11, 11, 9, 41, 0, DateTimeKind.Utc), new DateTime(2026, 11, 12, 0, 0, 0, DateTimeKind.Utc) },
        { new DateTime(2026, 11, 11, 9, 41, 0, DateTimeKind.Utc), new DateTime(2026, 11, 11, 17, 3, 0, DateTimeKind.Utc) },
        { new DateTime(2026, 11, 11, 21, 30, 0, DateTimeKind.Utc), new DateTime(2026, 11, 12, 2, 15, 0, DateTimeKind.Utc) },
        { new DateTime(2026, 11, 10, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 13, 0, 0, 0, DateTimeKind.Utc) },
        { new DateTime(2026, 11, 10, 5, 7, 0, DateTimeKind.Utc), new DateTime(2026, 11, 15, 22, 50, 0, DateTimeKind.Utc) },
    };

    /// <summary>A day's head, tail, middle, two days' edges, whole days, and edges around whole days.</summary>
    [Theory]
    [MemberData(nameof(VisitorRanges))]
    public async Task Unique_visitors_equal_raw_statistics_for_heads_tails_and_middles_of_days(DateTime start, DateTime end)
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw, _) = await ArrangeAsync(db);
        await AssertVisitorsEqualAsync(raw, rollup, start, end);
    }

    [Fact]
    public async Task Unique_visitors_past_the_settled_instant_count_each_recent_visitor_once()
    {
        await using var db = await CreateDatabaseAsync();
        var (_, raw, _) = await ArrangeAsync(db);
        var now = new DateTime(2026, 11, 14, 13, 0, 17, DateTimeKind.Utc);
        var rollup = new RollupUsageStatistics(
            db.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>(), raw, new UsageRollupOptions(), new FixedTimeProvider(now));
        foreach (var start in new[] { new DateTime(2026, 11, 11, 7, 23, 0, DateTimeKind.Utc), new DateTime(2026, 11, 14, 0, 0, 0, DateTimeKind.Utc) })
        {
            foreach (var end in new[] { now, now.AddHours(3), new DateTime(2026, 11, 15, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 15, 4, 0, 0, DateTimeKind.Utc) })
            {
                await AssertVisitorsEqualAsync(raw, rollup, start, end);
            }
        }
    }

    [Fact]
    public async Task Days_whose_visitor_rows_lack_sightings_count_their_edges_from_raw_rows()
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw, _) = await ArrangeAsync(db);
        var days = new[] { new DateTime(2026, 11, 11, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 14, 0, 0, 0, DateTimeKind.Utc) };
        await db.ExecuteAsync($"UPDATE usage_rollups SET first_ms = NULL, last_ms = NULL WHERE kind = {(short)RollupDimension.Visitor} "
            + $"AND bucket_start IN ({string.Join(", ", days.Select(RollupBuckets.ToUnixMs))})");

        await AssertVisitorsEqualAsync(raw, rollup, new DateTime(2026, 11, 11, 7, 23, 11, DateTimeKind.Utc), new DateTime(2026, 11, 14, 16, 2, 59, DateTimeKind.Utc));
    }

    /// <summary>Unique visitors of both periods agree for every application and bot filter.</summary>
    private static async Task AssertVisitorsEqualAsync(IUsageStatistics raw, IUsageStatistics rollup, DateTime start, DateTime end)
    {
        foreach (var (application, bots) in new[] { ((string?)null, BotFilter.All), ("api", BotFilter.Humans), (null, BotFilter.Bots) })
        {
            var filter = new UsageFilter { Start = start, End = end, Application = application, Bots = bots };
            var expected = await raw.GetOverviewAsync(filter);
            var actual = await rollup.GetOverviewAsync(filter);
            Assert.True(expected.Current.UniqueVisitors > 0, $"{start:O}..{end:O} has visitors");
            Assert.Equal((expected.Current.UniqueVisitors, expected.Previous.UniqueVisitors), (actual.Current.UniqueVisitors, actual.Previous.UniqueVisitors));
        }
    }

    [Fact]
    public async Task Time_series_status_classes_top_urls_and_countries_equal_raw_statistics()
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw, _) = await ArrangeAsync(db);
        var filter = new UsageFilter
        {
            Start = new DateTime(2026, 11, 10, 5, 7, 0, DateTimeKind.Utc),
            End = new DateTime(2026, 11, 15, 22, 50, 0, DateTimeKind.Utc),
        };

        foreach (var size in (TimeSpan?[])[null, TimeSpan.FromHours(1), TimeSpan.FromDays(1)])
        {
            var e = await raw.GetTimeSeriesAsync(filter, size);
            var a = await rollup.GetTimeSeriesAsync(filter, size);
            Assert.Equal(e.BucketSize, a.BucketSize);
            Assert.Equal(e.Points.Select(p => (p.Start, p.Requests, p.ServerErrors)), a.Points.Select(p => (p.Start, p.Requests, p.ServerErrors)));
        }

        Assert.Equal(await raw.GetStatusClassesAsync(filter), await rollup.GetStatusClassesAsync(filter));
        Assert.Equal(await raw.GetTopUrlsAsync(filter, UrlGrouping.Route, 10), await rollup.GetTopUrlsAsync(filter, UrlGrouping.Route, 10));
        Assert.Equal(await raw.GetTopUrlsAsync(filter, UrlGrouping.Path, 5), await rollup.GetTopUrlsAsync(filter, UrlGrouping.Path, 5));
        Assert.Equal(
            (await raw.GetTopCountriesAsync(filter)).Select(c => (c.CountryCode, c.Requests)),
            (await rollup.GetTopCountriesAsync(filter)).Select(c => (c.CountryCode, c.Requests)));
    }

    public static TheoryData<string?, string?, BotFilter> UrlFilters => new()
    {
        { null, null, BotFilter.All },
        { "shop-app", null, BotFilter.All },
        { null, "shop", BotFilter.All },
        { null, null, BotFilter.Humans },
        { "api", null, BotFilter.Bots },
    };

    [Theory]
    [MemberData(nameof(UrlFilters))]
    public async Task Url_tables_by_route_and_by_path_equal_raw_statistics_for_every_sort_search_and_page(string? application, string? group, BotFilter bots)
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw, _) = await ArrangeAsync(db);
        var filter = new UsageFilter
        {
            Start = new DateTime(2026, 11, 11, 7, 23, 11, 5, DateTimeKind.Utc),
            End = new DateTime(2026, 11, 14, 16, 2, 59, 999, DateTimeKind.Utc),
            Application = application,
            Group = group,
            Bots = bots,
        };

        await AssertUrlTablesEqualRawAsync(rollup, raw, filter, group is null ? 10 : 2);
    }

    [Fact]
    public async Task Url_tables_over_most_of_a_month_equal_raw_statistics_when_read_as_the_month_row_less_its_other_days()
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw) = await ArrangeAugustAsync(db, retention: null);

        await AssertUrlTablesEqualRawAsync(rollup, raw, AugustRange, 10);
    }

    [Fact]
    public async Task Url_tables_do_not_subtract_rollup_rows_that_retention_may_have_purged()
    {
        await using var db = await CreateDatabaseAsync();
        // The clock stands at September 10 and retention keeps daily and 15-minute rows for one day: the rows that the
        // complements would subtract from August's month row and from its partial days' day rows may be gone, as here.
        var (rollup, raw) = await ArrangeAugustAsync(db, new UsageRetentionOptions { BaseDays = 1, DailyDays = 1 });
        static long Ms(int day, int hour = 0, int minute = 0) => RollupBuckets.ToUnixMs(new DateTime(2026, 8, day, hour, minute, 0, DateTimeKind.Utc));
        foreach (var table in new[] { "usage_rollups", "usage_latency_rollups" })
        {
            await db.ExecuteAsync($"DELETE FROM {table} WHERE period = 1 AND bucket_start >= {Ms(1)} AND (bucket_start < {Ms(3)} OR bucket_start >= {Ms(29)})");
            await db.ExecuteAsync($"DELETE FROM {table} WHERE period = 0 AND ((bucket_start >= {Ms(2)} AND bucket_start < {Ms(2, 5, 15)}) "
                + $"OR (bucket_start >= {Ms(29, 16)} AND bucket_start < {Ms(30)}))");
        }

        await AssertUrlTablesEqualRawAsync(rollup, raw, AugustRange, 10);
    }

    // Forty days of records around August: the range keeps its 3rd to 28th whole, its 2nd and 29th in part, and leaves
    // out the rest of August (fewer days than it keeps) and the months around.
    private static readonly UsageFilter AugustRange = new()
    {
        Start = new DateTime(2026, 8, 2, 5, 7, 0, DateTimeKind.Utc),
        End = new DateTime(2026, 8, 29, 16, 2, 59, 999, DateTimeKind.Utc),
    };

    private static async Task<(IUsageStatistics Rollup, IUsageStatistics Raw)> ArrangeAugustAsync(RollupTestDatabase db, UsageRetentionOptions? retention)
    {
        foreach (var chunk in RollupRecords.Spread(new DateTime(2026, 7, 25, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(40), 4000).Chunk(700))
        {
            await db.StoreAsync(chunk);
        }

        var contexts = db.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        var raw = new UsageStatistics(contexts);
        var clock = new FixedTimeProvider(new DateTime(2026, 9, 10, 0, 0, 0, DateTimeKind.Utc));
        return (new RollupUsageStatistics(contexts, raw, new UsageRollupOptions(), clock, retention), raw);
    }

    private static async Task AssertUrlTablesEqualRawAsync(IUsageStatistics rollup, IUsageStatistics raw, UsageFilter filter, int minimumUrls)
    {
        foreach (var grouping in Enum.GetValues<UrlGrouping>())
        {
            foreach (var sort in Enum.GetValues<UrlSort>())
            {
                foreach (var descending in new[] { true, false })
                {
                    var query = new UrlTableQuery { Grouping = grouping, Sort = sort, Descending = descending, PageSize = UrlTableQuery.MaxPageSize };
                    var e = await raw.GetUrlsAsync(filter, query);
                    var a = await rollup.GetUrlsAsync(filter, query);
                    Assert.True(e.TotalCount >= minimumUrls, $"{e.TotalCount} {grouping} URLs");
                    Assert.Equal(e.TotalCount, a.TotalCount);
                    if (sort is UrlSort.AverageLatency or UrlSort.P50Latency or UrlSort.P95Latency or UrlSort.P99Latency)
                    {
                        // Histogram percentiles may order close URLs differently, and so may averages that tie (the raw
                        // floating-point sums depend on the summation order, the rollups' microsecond sums do not): same
                        // rows, each within tolerance, in the order of the rollup's own values, ties by URL.
                        var expected = e.Items.ToDictionary(r => r.Url);
                        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), a.Items.Select(r => r.Url).Order(StringComparer.Ordinal));
                        foreach (var row in a.Items)
                        {
                            AssertUrlRow(expected[row.Url], row);
                        }

                        Func<UrlStatistics, double> key = sort switch
                        {
                            UrlSort.AverageLatency => r => r.AverageLatencyMs,
                            UrlSort.P50Latency => r => r.P50LatencyMs,
                            UrlSort.P95Latency => r => r.P95LatencyMs,
                            _ => r => r.P99LatencyMs,
                        };
                        var own = (descending ? a.Items.OrderByDescending(key) : a.Items.OrderBy(key)).ThenBy(r => r.Url, StringComparer.Ordinal);
                        Assert.Equal(own.Select(r => r.Url), a.Items.Select(r => r.Url));
                    }
                    else
                    {
                        Assert.Equal($"{grouping} {sort} {descending}: {string.Join(" ", e.Items.Select(r => r.Url))}", $"{grouping} {sort} {descending}: {string.Join(" ", a.Items.Select(r => r.Url))}");
                        foreach (var (er, ar) in e.Items.Zip(a.Items))
                        {
                            AssertUrlRow(er, ar);
                        }
                    }
                }
            }

            foreach (var search in new[] { "shop", "/p/1", "{", "no-such-url" })
            {
                var query = new UrlTableQuery { Grouping = grouping, Search = search };
                var e = await raw.GetUrlsAsync(filter, query);
                var a = await rollup.GetUrlsAsync(filter, query);
                Assert.Equal(e.TotalCount, a.TotalCount);
                Assert.Equal(e.Items.Select(r => r.Url), a.Items.Select(r => r.Url));
                foreach (var (er, ar) in e.Items.Zip(a.Items))
                {
                    AssertUrlRow(er, ar);
                }
            }

            foreach (var (sort, page) in new[] { (UrlSort.Requests, 1), (UrlSort.Requests, 2), (UrlSort.Bytes, 3), (UrlSort.Url, 2), (UrlSort.Requests, 99) })
            {
                var query = new UrlTableQuery { Grouping = grouping, Sort = sort, Page = page, PageSize = 4 };
                var e = await raw.GetUrlsAsync(filter, query);
                var a = await rollup.GetUrlsAsync(filter, query);
                Assert.Equal((e.TotalCount, e.Page, e.PageSize), (a.TotalCount, a.Page, a.PageSize));
                Assert.Equal(e.Items.Select(r => r.Url), a.Items.Select(r => r.Url));
                foreach (var (er, ar) in e.Items.Zip(a.Items))
                {
                    AssertUrlRow(er, ar);
                }
            }
        }
    }

    public static TheoryData<DateTime, DateTime> DetailRanges => new()
    {
        // 15-minute, hourly, 6-hourly (base buckets) and daily (day buckets) series, all with ragged edges.
        { new DateTime(2026, 11, 12, 3, 7, 13, DateTimeKind.Utc), new DateTime(2026, 11, 13, 14, 52, 1, DateTimeKind.Utc) },
        { new DateTime(2026, 11, 11, 7, 23, 11, 5, DateTimeKind.Utc), new DateTime(2026, 11, 14, 16, 2, 59, 999, DateTimeKind.Utc) },
        { new DateTime(2026, 11, 1, 19, 31, 0, DateTimeKind.Utc), new DateTime(2026, 11, 18, 0, 5, 0, DateTimeKind.Utc) },
        { new DateTime(2026, 9, 1, 10, 1, 0, DateTimeKind.Utc), new DateTime(2026, 11, 15, 13, 44, 0, DateTimeKind.Utc) },
    };

    [Theory]
    [MemberData(nameof(DetailRanges))]
    public async Task Url_detail_equals_raw_statistics(DateTime start, DateTime end)
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw, _) = await ArrangeAsync(db);
        var filters = new[]
        {
            new UsageFilter { Start = start, End = end },
            new UsageFilter { Start = start, End = end, Application = "shop-app", Bots = BotFilter.Humans },
            new UsageFilter { Start = start, End = end, Group = "shop" },
            new UsageFilter { Start = start, End = end, Bots = BotFilter.Bots },
        };
        var urls = new[] { "/shop/products/{id}", "/", "/p/3", "/nowhere" }.Select(u => new UrlKey(UrlGrouping.Route, u))
            .Concat(new[] { "/p/3", "/p/12", "/shop/products/{id}" }.Select(u => new UrlKey(UrlGrouping.Path, u)));
        foreach (var filter in filters)
        {
            foreach (var url in urls)
            {
                var e = await raw.GetUrlDetailAsync(filter, url, 7);
                var a = await rollup.GetUrlDetailAsync(filter, url, 7);
                Assert.Equal(e.Url, a.Url);
                Assert.Equal(e.BucketSize, a.BucketSize);
                Assert.Equal(e.Summary is null, a.Summary is null);
                if (e.Summary is not null)
                {
                    AssertUrlRow(e.Summary, a.Summary!);
                }

                Assert.Equal(e.Latency.Select(p => (p.Start, p.Requests)), a.Latency.Select(p => (p.Start, p.Requests)));
                foreach (var (ep, ap) in e.Latency.Zip(a.Latency))
                {
                    AssertPercentile(ep.P50LatencyMs, ap.P50LatencyMs);
                    AssertPercentile(ep.P95LatencyMs, ap.P95LatencyMs);
                    AssertPercentile(ep.P99LatencyMs, ap.P99LatencyMs);
                }

                Assert.Equal(e.Histogram, a.Histogram);
                Assert.Equal(e.StatusOverTime, a.StatusOverTime);
                Assert.Equal(
                    e.TopCountries.Select(c => (c.CountryCode, c.Requests, c.Share)),
                    a.TopCountries.Select(c => (c.CountryCode, c.Requests, c.Share)));
                Assert.Equal(e.TopBrowsers, a.TopBrowsers);
                Assert.Equal(e.RecentRequests.Select(r => r.Id), a.RecentRequests.Select(r => r.Id));
                var exists = url.Value != "/nowhere" && !(url.Grouping == UrlGrouping.Path && url.Value.Contains('{', StringComparison.Ordinal));
                if (exists && filter.Application is null && filter.Group is null && filter.Bots == BotFilter.All)
                {
                    Assert.NotNull(a.Summary);
                    Assert.NotEmpty(a.TopBrowsers);
                }
            }
        }
    }

    [Fact]
    public async Task Url_tables_and_pages_by_route_and_by_path_read_rollups()
    {
        await using var db = await CreateDatabaseAsync();
        var (rollup, raw, _) = await ArrangeAsync(db);
        var filter = new UsageFilter
        {
            Start = new DateTime(2026, 11, 11, 7, 23, 11, 5, DateTimeKind.Utc),
            End = new DateTime(2026, 11, 14, 16, 2, 59, 999, DateTimeKind.Utc),
        };
        var url = new UrlKey(UrlGrouping.Route, "/shop/products/{id}");
        var table = await raw.GetUrlsAsync(filter, new UrlTableQuery());
        var detail = await raw.GetUrlDetailAsync(filter, url, 0);
        var paths = await raw.GetUrlsAsync(filter, new UrlTableQuery { Grouping = UrlGrouping.Path });
        var pathDetail = await raw.GetUrlDetailAsync(filter, new UrlKey(UrlGrouping.Path, paths.Items[0].Url), 0);

        // Raw rows of one whole day (inside the range, away from its edges) go; the rollups keep them.
        var day = db.Provider == UsageStorageProvider.Sqlite
            ? "date >= 1794441600000 AND date < 1794528000000"
            : "date >= '2026-11-12T00:00:00Z' AND date < '2026-11-13T00:00:00Z'";
        await db.ExecuteAsync($"DELETE FROM usage_records WHERE {day}");
        Assert.NotEqual(table.Items[0].Requests, (await raw.GetUrlsAsync(filter, new UrlTableQuery())).Items[0].Requests);

        var rolledTable = await rollup.GetUrlsAsync(filter, new UrlTableQuery());
        Assert.Equal(table.Items.Select(r => (r.Url, r.Requests, r.ServerErrors, r.Bytes)), rolledTable.Items.Select(r => (r.Url, r.Requests, r.ServerErrors, r.Bytes)));
        var rolledDetail = await rollup.GetUrlDetailAsync(filter, url, 0);
        Assert.Equal(detail.Summary!.Requests, rolledDetail.Summary!.Requests);
        Assert.Equal(detail.Latency.Select(p => p.Requests), rolledDetail.Latency.Select(p => p.Requests));
        Assert.Equal(detail.StatusOverTime, rolledDetail.StatusOverTime);
        Assert.Equal(detail.Histogram, rolledDetail.Histogram);

        var rolledPaths = await rollup.GetUrlsAsync(filter, new UrlTableQuery { Grouping = UrlGrouping.Path });
        Assert.Equal(paths.Items.Select(r => (r.Url, r.Requests, r.ServerErrors, r.Bytes)), rolledPaths.Items.Select(r => (r.Url, r.Requests, r.ServerErrors, r.Bytes)));

        var rolledPathDetail = await rollup.GetUrlDetailAsync(filter, new UrlKey(UrlGrouping.Path, paths.Items[0].Url), 0);
        Assert.Equal(pathDetail.Summary!.Requests, rolledPathDetail.Summary!.Requests);
        Assert.Equal(pathDetail.StatusOverTime, rolledPathDetail.StatusOverTime);
        Assert.Equal(pathDetail.TopCountries, rolledPathDetail.TopCountries);
        Assert.Equal(pathDetail.TopBrowsers, rolledPathDetail.TopBrowsers);
    }

    private static void AssertUrlRow(UrlStatistics expected, UrlStatistics actual)
    {
        Assert.Equal(
            (expected.Url, expected.Requests, expected.ServerErrors, expected.Bytes),
            (actual.Url, actual.Requests, actual.ServerErrors, actual.Bytes));

        // Rollups keep durations in whole microseconds.
        Assert.Equal(expected.AverageLatencyMs, actual.AverageLatencyMs, 0.0005);
        Assert.Equal(expected.MaxLatencyMs, actual.MaxLatencyMs, 0.0005);
        AssertPercentile(expected.P50LatencyMs, actual.P50LatencyMs);
        AssertPercentile(expected.P95LatencyMs, actual.P95LatencyMs);
        AssertPercentile(expected.P99LatencyMs, actual.P99LatencyMs);
    }

    /// <summary>
    /// Rollup percentiles agree with the raw ones within the histogram's resolution: less than one bucket width apart
    /// (the raw ones interpolate between the exact smallest and largest latency of each bucket, the rollups between its
    /// bounds, which matters for the few requests of one URL in one time bucket).
    /// </summary>
    private static void AssertPercentile(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
        {
            var a = actual!.Value;
            var bucket = LatencyHistogram.BucketOf(Math.Max(e, a) / 1000);
            var width = LatencyHistogram.UpperBoundMs(bucket) - LatencyHistogram.LowerBoundMs(bucket);
            Assert.True(Math.Abs(a - e) < width, $"Percentile {a} ms is more than one histogram bucket ({width} ms) from {e} ms.");
        }
    }
}

/// <summary>Raw statistics whose status codes, geography and audience pages throw, so a fallback to them is seen.</summary>
public class NoPageFallback : DispatchProxy
{
    private IUsageStatistics _inner = null!;

    internal static IUsageStatistics Wrap(IUsageStatistics inner)
    {
        var proxy = Create<IUsageStatistics, NoPageFallback>();
        ((NoPageFallback)(object)proxy)._inner = inner;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name is nameof(IUsageStatistics.GetStatusCodesAsync) or nameof(IUsageStatistics.GetGeographyAsync)
            or nameof(IUsageStatistics.GetAudienceAsync))
        {
            throw new InvalidOperationException($"{targetMethod.Name} fell back to raw rows.");
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}

/// <summary>Rollup statistics on SQLite.</summary>
public sealed class SqliteRollupStatisticsTests : RollupStatisticsTests, IDisposable
{
    private readonly UsageDashboard.TestSupport.TemporarySqliteFile _file = new("rollup-stats");

    private protected override Task<RollupTestDatabase> CreateDatabaseAsync() =>
        RollupTestDatabase.CreateAsync(UsageStorageProvider.Sqlite, _file.ConnectionString);

    public void Dispose() => _file.Dispose();
}

/// <summary>Rollup statistics on PostgreSQL.</summary>
public sealed class PostgreSqlRollupStatisticsTests(UsageDashboard.TestSupport.PostgresServerFixture server) : RollupStatisticsTests
{
    private protected override async Task<RollupTestDatabase> CreateDatabaseAsync() =>
        await RollupTestDatabase.CreateAsync(UsageStorageProvider.PostgreSql, await server.CreateDatabaseAsync("rollup_stats"));
}
