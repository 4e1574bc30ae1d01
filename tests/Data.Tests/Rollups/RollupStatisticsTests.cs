// Each call is short and local; per-call cancellation plumbing would only add noise here.
#pragma warning disable xUnit1051
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
        foreach (var chunk in records.Chunk(700))
        {
            await db.StoreAsync(chunk);
        }

        var contexts = db.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        var raw = new UsageStatistics(contexts);
        return (new RollupUsageStatistics(contexts, raw), raw, db);
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
