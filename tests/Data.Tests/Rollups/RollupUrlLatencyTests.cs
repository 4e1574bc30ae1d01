// Each call is short and local; per-call cancellation plumbing would only add noise here.
#pragma warning disable xUnit1051
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>
/// URL tables sorted by latency take the smallest and largest latency of a complement's part from its enclosing day or
/// month row where the rest of it does not reach them, and sum only the histogram columns in use. Every value they show
/// and sort by is still the one an exact read by URL gives, on every provider.
/// </summary>
public abstract class RollupUrlLatencyTests
{
    private protected abstract Task<RollupTestDatabase> CreateDatabaseAsync();

    // August 3 to 28 whole (August's month row less its other days), August 2 from 05:07 and August 29 to 16:03 in part
    // (their day rows less the rest of the day).
    private static readonly UsageFilter Range = new()
    {
        Start = new DateTime(2026, 8, 2, 5, 7, 0, DateTimeKind.Utc),
        End = new DateTime(2026, 8, 29, 16, 2, 59, 999, DateTimeKind.Utc),
    };

    private static DateTime Aug(int day, int hour, int minute = 0) => new(2026, 8, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>
    /// Paths whose smallest or largest latency in the range lies in a part read from its enclosing row, some where the
    /// rest of the day or month holds a more extreme one (only a read by URL finds theirs), and, with
    /// <paramref name="restReaching"/> above 100, more of those than are read by URL, so the table is read whole.
    /// </summary>
    private static List<UsageRecord> Records(int restReaching)
    {
        var records = new List<UsageRecord>();
        var i = 0;
        void Add(string path, DateTime date, params double[] speeds)
        {
            foreach (var speed in speeds)
            {
                var r = RollupRecords.Create(date.AddSeconds(i % 60), i++);
                r.Path = path;
                r.Route = path;
                r.Speed = speed;
                r.IsBot = false;
                records.Add(r);
            }
        }

        // The largest only in the part of August 2 read from its day row, whose rest holds nothing of this path.
        Add("/part-max", Aug(2, 12), 0.010, 0.9);
        Add("/part-max", Aug(10, 9), 0.02);
        // The day's and the month's largest lie in the rest of August 2: the range's is 50 ms, in its last bucket.
        Add("/rest-max", Aug(2, 3), 2.0);
        Add("/rest-max", Aug(2, 12), 0.040, 0.050);
        Add("/rest-max", Aug(10, 9), 0.030);
        // The smallest lies in the rest of August 29: the range's is 5 ms, and its median in the first bucket.
        Add("/rest-min", Aug(29, 20), 0.0002);
        Add("/rest-min", Aug(29, 10), 0.005, 0.006);
        Add("/rest-min", Aug(20, 9), 0.007);
        // The month's largest lies in its rest (August 31), beyond its days in the range.
        Add("/month-rest", Aug(31, 12), 5.0);
        Add("/month-rest", Aug(15, 12), 0.080, 0.081);
        // The day's and month's largest lie in the rest of August 2, the range's in its raw edge on August 29.
        Add("/edge-max", Aug(2, 3), 2.0);
        Add("/edge-max", Aug(2, 12), 0.010);
        Add("/edge-max", Aug(29, 16, 1), 0.7);
        // In the range's raw edges only, in a histogram bucket no other request uses.
        Add("/edge-only", Aug(2, 5, 10), 42.0);
        for (var k = 0; k < restReaching; k++)
        {
            Add($"/many/{k:D3}", Aug(2, 1), 3.0 + k);
            Add($"/many/{k:D3}", Aug(2, 12), 0.1 + (k * 0.001), 0.2 + (k * 0.001));
        }

        foreach (var k in Enumerable.Range(0, 40))
        {
            Add($"/busy/{k % 8}", Aug(1 + (k % 31), k % 24), 0.003 + (k * 0.0007), 0.004 + (k * 0.0011), 0.3 + (k * 0.01));
        }

        return records;
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(120, false)]
    [InlineData(0, true)]
    public async Task Latency_sorted_url_tables_show_and_sort_by_the_values_an_exact_read_by_url_gives(int restReaching, bool totalsMissBucket)
    {
        await using var db = await CreateDatabaseAsync();
        foreach (var chunk in Records(restReaching).Chunk(500))
        {
            await db.StoreAsync(chunk);
        }

        if (totalsMissBucket)
        {
            // The histogram columns in use are read from the month totals: here they miss the one /edge-only uses.
            await db.ExecuteAsync($"UPDATE usage_latency_rollups SET {RollupHistogram.Column(LatencyHistogram.BucketOf(42.0))} = 0 "
                + $"WHERE period = {(short)RollupPeriod.Month} AND kind = {(short)RollupDimension.Total}");
        }

        var contexts = db.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        var raw = new UsageStatistics(contexts);
        var rollup = new RollupUsageStatistics(contexts, raw, new UsageRollupOptions(), new FixedTimeProvider(new DateTime(2026, 9, 10, 0, 0, 0, DateTimeKind.Utc)));

        foreach (var grouping in Enum.GetValues<UrlGrouping>())
        {
            // Sorted by requests, the table reads its page's latency by URL: exact.
            var exact = (await rollup.GetUrlsAsync(Range, new UrlTableQuery { Grouping = grouping, PageSize = UrlTableQuery.MaxPageSize }))
                .Items.ToDictionary(r => r.Url);
            var rawRows = (await raw.GetUrlsAsync(Range, new UrlTableQuery { Grouping = grouping, PageSize = UrlTableQuery.MaxPageSize }))
                .Items.ToDictionary(r => r.Url);
            Assert.Equal(0.05, exact["/rest-max"].MaxLatencyMs / 1000, 9);
            Assert.Equal(0.9, exact["/part-max"].MaxLatencyMs / 1000, 9);
            Assert.Equal(0.081, exact["/month-rest"].MaxLatencyMs / 1000, 9);
            Assert.Equal(42.0, exact["/edge-only"].MaxLatencyMs / 1000, 9);
            Assert.Equal(0.7, exact["/edge-max"].MaxLatencyMs / 1000, 9);
            Assert.Equal(rawRows.Keys.Order(StringComparer.Ordinal), exact.Keys.Order(StringComparer.Ordinal));
            Assert.All(rawRows.Values, r => Assert.Equal(r.MaxLatencyMs, exact[r.Url].MaxLatencyMs, 0.0005));

            foreach (var sort in new[] { UrlSort.P50Latency, UrlSort.P95Latency, UrlSort.P99Latency, UrlSort.MaxLatency })
            {
                foreach (var descending in new[] { true, false })
                {
                    Func<UrlStatistics, double> key = sort switch
                    {
                        UrlSort.P50Latency => r => r.P50LatencyMs,
                        UrlSort.P95Latency => r => r.P95LatencyMs,
                        UrlSort.P99Latency => r => r.P99LatencyMs,
                        _ => r => r.MaxLatencyMs,
                    };
                    var expected = (descending ? exact.Values.OrderByDescending(key) : exact.Values.OrderBy(key))
                        .ThenBy(r => r.Url, StringComparer.Ordinal).ToList();
                    foreach (var pageSize in new[] { UrlTableQuery.MaxPageSize, 3 })
                    {
                        var rows = new List<UrlStatistics>();
                        for (var page = 1; rows.Count < expected.Count; page++)
                        {
                            var query = new UrlTableQuery { Grouping = grouping, Sort = sort, Descending = descending, Page = page, PageSize = pageSize };
                            var result = await rollup.GetUrlsAsync(Range, query);
                            Assert.Equal(expected.Count, result.TotalCount);
                            Assert.NotEmpty(result.Items);
                            rows.AddRange(result.Items);
                        }

                        Assert.Equal(expected, rows);
                    }
                }
            }
        }
    }
}

/// <summary>Latency-sorted URL tables on SQLite.</summary>
public sealed class SqliteRollupUrlLatencyTests : RollupUrlLatencyTests, IDisposable
{
    private readonly UsageDashboard.TestSupport.TemporarySqliteFile _file = new("rollup-url-latency");

    private protected override Task<RollupTestDatabase> CreateDatabaseAsync() =>
        RollupTestDatabase.CreateAsync(UsageStorageProvider.Sqlite, _file.ConnectionString);

    public void Dispose() => _file.Dispose();
}

/// <summary>Latency-sorted URL tables on PostgreSQL.</summary>
public sealed class PostgreSqlRollupUrlLatencyTests(UsageDashboard.TestSupport.PostgresServerFixture server) : RollupUrlLatencyTests
{
    private protected override async Task<RollupTestDatabase> CreateDatabaseAsync() =>
        await RollupTestDatabase.CreateAsync(UsageStorageProvider.PostgreSql, await server.CreateDatabaseAsync("rollup_url_latency"));
}
