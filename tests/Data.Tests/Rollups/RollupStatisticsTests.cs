// Each call is short and local; per-call cancellation plumbing would only add noise here.
#pragma warning disable xUnit1051
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        return (new RollupUsageStatistics(contexts, raw), raw, db);
    }

    private static string? EnglishName(string? countryCode) =>
        countryCode switch { "DE" => "Germany", "US" => "United States", "FR" => "France", _ => null };

    /// <summary>Rollup statistics whose status codes, geography and audience pages may not fall back to raw rows.</summary>
    private static IUsageStatistics PagesFromRollupsOnly(RollupTestDatabase db, IUsageStatistics raw) =>
        new RollupUsageStatistics(db.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>(), NoPageFallback.Wrap(raw));

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
