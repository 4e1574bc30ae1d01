// Each call is short and local; per-call cancellation plumbing would only add noise here.
#pragma warning disable xUnit1051
using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data.Rollups;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

using PostgreSqlMigrations = UsageDashboard.Data.Migrations.PostgreSql.Migrations;
using SqliteMigrations = UsageDashboard.Data.Migrations.Sqlite.Migrations;

namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>
/// Rollup behaviour written once and run against every provider (MiniProfiler's StorageBaseTest shape):
/// the hook's sums equal the raw rows exactly, rebuild reproduces the hook, summaries page and filter.
/// </summary>
public abstract class RollupStorageTests
{
    private const string Counts = "usage_rollups";

    private protected abstract Task<RollupTestDatabase> CreateDatabaseAsync(Action<UsageRollupOptions>? rollups = null);

    private static readonly DateTime MonthEdge = new(2026, 10, 31, 23, 59, 59, 999, DateTimeKind.Utc);

    /// <summary>A database whose hook flushes only when this many records or wide keys are pending (or when asked).</summary>
    private Task<RollupTestDatabase> CreateFlushingByCountAsync(int maxPendingRecords, int maxPendingWideKeys) =>
        CreateDatabaseAsync(o =>
        {
            o.FlushInterval = TimeSpan.FromHours(1);
            o.WideFlushInterval = TimeSpan.FromHours(1);
            o.MaxPendingRecords = maxPendingRecords;
            o.MaxPendingWideKeys = maxPendingWideKeys;
        });

    private static Task<long> MonthlyHitsAsync(RollupTestDatabase db, RollupDimension kind) =>
        db.ScalarAsync($"SELECT SUM(hits) FROM {Counts} WHERE period = {(short)RollupPeriod.Month} AND kind = {(short)kind}");

    /// <summary>Batches straddling 15-minute, hour, day and month edges, including late (older) records.</summary>
    private static List<List<UsageRecord>> EdgeBatches()
    {
        var batches = new List<List<UsageRecord>>
        {
            RollupRecords.Spread(MonthEdge.AddMinutes(-50), TimeSpan.FromMinutes(100), 400, seed: 0),
            new List<UsageRecord>
            {
                RollupRecords.Create(MonthEdge, 1000),
                RollupRecords.Create(MonthEdge.AddMilliseconds(1), 1001),
                RollupRecords.Create(new DateTime(2026, 11, 1, 0, 14, 59, 999, DateTimeKind.Utc), 1002),
                RollupRecords.Create(new DateTime(2026, 11, 1, 0, 15, 0, DateTimeKind.Utc), 1003),
                RollupRecords.Create(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), 1004),
            },
            // Late records: far older than the buckets written so far, mixed with current ones.
            RollupRecords.Spread(new DateTime(2026, 9, 30, 23, 50, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(20), 50, seed: 2000)
                .Concat(RollupRecords.Spread(MonthEdge.AddMinutes(30), TimeSpan.FromMinutes(1), 30, seed: 3000)).ToList(),
        };
        return batches;
    }

    [Fact]
    public async Task Rollup_totals_equal_raw_totals_for_every_period_and_dimension()
    {
        await using var db = await CreateDatabaseAsync();
        foreach (var batch in EdgeBatches())
        {
            await db.StoreAsync(batch);
        }

        var rawHits = await db.ScalarAsync("SELECT COUNT(*) FROM usage_records");
        var rawBytes = await db.ScalarAsync("SELECT SUM(content_length) FROM usage_records");
        Assert.Equal(485, rawHits);

        foreach (var period in Enum.GetValues<RollupPeriod>())
        {
            foreach (var kind in Enum.GetValues<RollupDimension>())
            {
                // Hours are kept of some kinds only.
                if (kind is RollupDimension.Visitor or RollupDimension.VisitorCount || (period == RollupPeriod.Hour && !RollupBatch.IsKeptPerHour(kind))
                    || (RollupBatch.IsDayOnly(kind) && period != RollupPeriod.Day))
                {
                    continue;
                }

                var where = $"WHERE period = {(short)period} AND kind = {(short)kind}";
                Assert.Equal(rawHits, await db.ScalarAsync($"SELECT SUM(hits) FROM {Counts} {where}"));
                Assert.Equal(rawBytes, await db.ScalarAsync($"SELECT SUM(bytes) FROM {Counts} {where}"));
            }

            foreach (var kind in (RollupDimension[])[RollupDimension.Route, RollupDimension.Path])
            {
                if (period == RollupPeriod.Hour && !RollupBatch.IsKeptPerHour(kind))
                {
                    continue;
                }

                var where = $"WHERE period = {(short)period} AND kind = {(short)kind}";
                Assert.Equal(rawHits, await db.ScalarAsync($"SELECT SUM(count) FROM usage_latency_rollups {where}"));
                var histogramSum = string.Join(" + ", Enumerable.Range(0, LatencyHistogram.BucketCount).Select(i => $"SUM(h{i})"));
                Assert.Equal(rawHits, await db.ScalarAsync($"SELECT {histogramSum} FROM usage_latency_rollups {where}"));
            }
        }
    }

    [Fact]
    public async Task Keys_with_text_a_database_refuses_are_summed_as_the_raw_row_stores_them_and_rebuild_agrees()
    {
        await using var db = await CreateDatabaseAsync();
        var at = new DateTime(2026, 11, 3, 10, 0, 0, DateTimeKind.Utc);
        // A NUL (PostgreSQL refuses it in text) and a lone surrogate (not UTF-8) in every kind of key text.
        var records = Enumerable.Range(0, 6).Select(i =>
        {
            var r = RollupRecords.Create(at.AddMinutes(i), i);
            r.Path = "/a\0b";
            r.Route = "/r/\0{id}";
            r.Blueprint = "sh\uD800op";
            r.ServerName = "app\0";
            r.RemoteAddr = "10.0.0.\0";
            r.VisitorId = null;
            r.Browser = "Fire\0fox";
            r.BrowserVersion = "1\0";
            r.Language = "d\0e";
            r.CountryCode = "D\0";
            r.City = "Ber\uDC00lin";
            return r;
        }).ToList();
        await db.StoreAsync(records);

        Assert.Equal(["/a\uFFFDb"], await db.QueryRowsAsync("SELECT DISTINCT path FROM usage_records"));
        Assert.Equal(6, await db.ScalarAsync($"SELECT SUM(hits) FROM {Counts} WHERE period = 2 AND kind = {(short)RollupDimension.Total}"));
        Assert.Equal(["/a\uFFFDb|6"], await db.QueryRowsAsync($"SELECT dim_key, SUM(hits) FROM {Counts} WHERE period = 1 AND kind = {(short)RollupDimension.Path} GROUP BY dim_key"));
        Assert.Equal(["10.0.0.\uFFFD|6"], await db.QueryRowsAsync($"SELECT dim_key, SUM(hits) FROM {Counts} WHERE period = 1 AND kind = {(short)RollupDimension.Remote} GROUP BY dim_key"));

        var countsSql = $"SELECT * FROM {Counts} ORDER BY period, kind, bucket_start, app, grp, bot, dim_key";
        var latencySql = "SELECT * FROM usage_latency_rollups ORDER BY period, kind, bucket_start, app, grp, bot, dim_key";
        var fromHookCounts = await db.QueryRowsAsync(countsSql);
        var fromHookLatency = await db.QueryRowsAsync(latencySql);
        await db.Services.GetRequiredService<RollupRebuilder>().RebuildAsync();
        Assert.Equal(fromHookCounts, await db.QueryRowsAsync(countsSql));
        Assert.Equal(fromHookLatency, await db.QueryRowsAsync(latencySql));
    }

    [Fact]
    public async Task Buckets_split_exactly_at_15_minute_day_and_month_edges()
    {
        await using var db = await CreateDatabaseAsync();
        await db.StoreAsync(
        [
            RollupRecords.Create(MonthEdge, 1),
            RollupRecords.Create(MonthEdge.AddMilliseconds(1), 2),
            RollupRecords.Create(new DateTime(2026, 11, 1, 0, 14, 59, 999, DateTimeKind.Utc), 3),
            RollupRecords.Create(new DateTime(2026, 11, 1, 0, 15, 0, DateTimeKind.Utc), 4),
        ]);

        static long Ms(int y, int mo, int d, int h = 0, int mi = 0) =>
            (long)(new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;

        var total = $"kind = {(short)RollupDimension.Total}";
        Assert.Equal(
            [$"{Ms(2026, 10, 31, 23, 45)}|1", $"{Ms(2026, 11, 1)}|2", $"{Ms(2026, 11, 1, 0, 15)}|1"],
            await db.QueryRowsAsync($"SELECT bucket_start, SUM(hits) FROM {Counts} WHERE period = 0 AND {total} GROUP BY bucket_start ORDER BY bucket_start"));
        Assert.Equal(
            [$"{Ms(2026, 10, 31)}|1", $"{Ms(2026, 11, 1)}|3"],
            await db.QueryRowsAsync($"SELECT bucket_start, SUM(hits) FROM {Counts} WHERE period = 1 AND {total} GROUP BY bucket_start ORDER BY bucket_start"));
        Assert.Equal(
            [$"{Ms(2026, 10, 1)}|1", $"{Ms(2026, 11, 1)}|3"],
            await db.QueryRowsAsync($"SELECT bucket_start, SUM(hits) FROM {Counts} WHERE period = 2 AND {total} GROUP BY bucket_start ORDER BY bucket_start"));
    }

    [Fact]
    public async Task Rebuild_reproduces_the_hook_row_for_row_and_is_idempotent()
    {
        await using var db = await CreateDatabaseAsync();
        foreach (var batch in EdgeBatches())
        {
            await db.StoreAsync(batch);
        }

        var countsSql = $"SELECT * FROM {Counts} ORDER BY period, kind, bucket_start, app, grp, bot, dim_key";
        var latencySql = "SELECT * FROM usage_latency_rollups ORDER BY period, kind, bucket_start, app, grp, bot, dim_key";
        var fromHookCounts = await db.QueryRowsAsync(countsSql);
        var fromHookLatency = await db.QueryRowsAsync(latencySql);
        Assert.NotEmpty(fromHookCounts);

        var rebuilder = db.Services.GetRequiredService<RollupRebuilder>();
        await db.ExecuteAsync($"DELETE FROM {Counts}");
        await db.ExecuteAsync("DELETE FROM usage_latency_rollups");
        var result = await rebuilder.RebuildAsync();
        Assert.False(result.IsEmpty);
        Assert.Equal(fromHookCounts, await db.QueryRowsAsync(countsSql));
        Assert.Equal(fromHookLatency, await db.QueryRowsAsync(latencySql));

        await rebuilder.RebuildAsync();
        Assert.Equal(fromHookCounts, await db.QueryRowsAsync(countsSql));
        Assert.Equal(fromHookLatency, await db.QueryRowsAsync(latencySql));

        // A partial range recomputes whole buckets without touching others.
        await rebuilder.RebuildAsync(new DateTime(2026, 11, 1, 0, 5, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 0, 20, 0, DateTimeKind.Utc));
        Assert.Equal(fromHookCounts, await db.QueryRowsAsync(countsSql));
        Assert.Equal(fromHookLatency, await db.QueryRowsAsync(latencySql));
    }

    [Fact]
    public async Task The_upgrade_sums_total_latency_rows_equal_to_the_hooks_from_route_rows()
    {
        await using var db = await CreateDatabaseAsync();
        foreach (var batch in EdgeBatches())
        {
            await db.StoreAsync(batch);
        }

        var totalsSql = $"SELECT * FROM usage_latency_rollups WHERE kind = {(short)RollupDimension.Total} ORDER BY period, bucket_start, app, grp, bot";
        var fromHook = await db.QueryRowsAsync(totalsSql);
        // Every period, hours included.
        Assert.Equal(Enum.GetValues<RollupPeriod>().Length, fromHook.Select(r => r.Split('|')[0]).Distinct().Count());

        await db.ExecuteAsync($"DELETE FROM usage_latency_rollups WHERE kind = {(short)RollupDimension.Total}");
        await db.ExecuteAsync(RollupSql.TotalLatencyFromRoutes);
        Assert.Equal(fromHook, await db.QueryRowsAsync(totalsSql));
    }

    [Fact]
    public async Task The_upgrades_sum_hour_rows_equal_to_the_hooks_from_base_rows()
    {
        await using var db = await CreateDatabaseAsync();
        foreach (var batch in EdgeBatches())
        {
            await db.StoreAsync(batch);
        }

        // The migrations' own statements, each summing the kinds the writer kept per hour from its version on.
        Migration[] migrations = db.Provider == UsageStorageProvider.PostgreSql
            ? [new PostgreSqlMigrations.AddHourRollups(), new PostgreSqlMigrations.AddOverviewHourRollups()]
            : [new SqliteMigrations.AddHourRollups(), new SqliteMigrations.AddOverviewHourRollups()];
        var inserts = migrations.SelectMany(m => m.UpOperations).OfType<SqlOperation>().Select(o => o.Sql)
            .Where(sql => sql.StartsWith("INSERT", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, inserts.Count);

        var tables = new[] { Counts, "usage_latency_rollups" };
        string HoursSql(string table) => $"SELECT * FROM {table} WHERE period = {(short)RollupPeriod.Hour} ORDER BY kind, bucket_start, app, grp, bot, dim_key";
        var fromHook = new List<IReadOnlyList<string>>();
        foreach (var table in tables)
        {
            var rows = await db.QueryRowsAsync(HoursSql(table));
            Assert.True(rows.Select(r => r.Split('|')[2]).Distinct().Count() > 1);
            fromHook.Add(rows);
            await db.ExecuteAsync($"DELETE FROM {table} WHERE period = {(short)RollupPeriod.Hour}");
        }

        Assert.Equal(
            Enum.GetValues<RollupDimension>().Where(RollupBatch.IsKeptPerHour).Select(k => ((short)k).ToString(CultureInfo.InvariantCulture)),
            fromHook[0].Select(r => r.Split('|')[1]).Distinct());
        foreach (var insert in inserts)
        {
            await db.ExecuteAsync(insert);
        }

        for (var i = 0; i < tables.Length; i++)
        {
            Assert.Equal(fromHook[i], await db.QueryRowsAsync(HoursSql(tables[i])));
        }
    }

    [Fact]
    public async Task Visitor_rows_keep_the_first_and_last_request_of_the_day_and_unknown_stays_unknown()
    {
        await using var db = await CreateDatabaseAsync();
        var day = new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc);
        UsageRecord Visit(int hour, int minute)
        {
            var r = RollupRecords.Create(day.AddHours(hour).AddMinutes(minute), 5);
            r.VisitorId = "v-1";
            r.ServerName = "app";
            return r;
        }

        await db.StoreAsync([Visit(9, 30), Visit(8, 15)]);
        await db.StoreAsync([Visit(17, 45), Visit(12, 0)]);

        var row = $"FROM {Counts} WHERE kind = {(short)RollupDimension.Visitor} AND dim_key = 'v-1'";
        var ms = (int hour, int minute) => RollupBuckets.ToUnixMs(day.AddHours(hour).AddMinutes(minute));
        Assert.Equal([$"{ms(8, 15)}|{ms(17, 45)}|4"], await db.QueryRowsAsync($"SELECT first_ms, last_ms, hits {row}"));
        Assert.Empty(await db.QueryRowsAsync($"SELECT first_ms FROM {Counts} WHERE kind <> {(short)RollupDimension.Visitor} AND first_ms IS NOT NULL"));

        // A row written before sightings were kept: what is added to it later cannot make it known.
        await db.ExecuteAsync($"UPDATE {Counts} SET first_ms = NULL, last_ms = NULL WHERE kind = {(short)RollupDimension.Visitor}");
        await db.StoreAsync([Visit(6, 0)]);
        Assert.Equal(["||5"], await db.QueryRowsAsync($"SELECT first_ms, last_ms, hits {row}"));
    }

    [Fact]
    public async Task Rebuild_repairs_rollups_that_missed_a_batch()
    {
        await using var db = await CreateDatabaseAsync();
        var batches = EdgeBatches();
        await db.StoreAsync(batches[0]);
        var expected = await db.QueryRowsAsync($"SELECT * FROM {Counts} ORDER BY period, kind, bucket_start, app, grp, bot, dim_key");

        // Corrupt: add hits that raw rows do not have, then rebuild.
        await db.ExecuteAsync($"UPDATE {Counts} SET hits = hits + 5");
        await db.Services.GetRequiredService<RollupRebuilder>().RebuildAsync();
        Assert.Equal(expected, await db.QueryRowsAsync($"SELECT * FROM {Counts} ORDER BY period, kind, bucket_start, app, grp, bot, dim_key"));
    }

    [Fact]
    public async Task Remote_addresses_and_visitors_are_kept_per_application_without_the_route_group()
    {
        await using var db = await CreateDatabaseAsync();
        foreach (var batch in EdgeBatches())
        {
            await db.StoreAsync(batch);
        }

        var groupless = $"kind IN ({(short)RollupDimension.Remote}, {(short)RollupDimension.Visitor})";
        Assert.True(await db.ScalarAsync($"SELECT COUNT(*) FROM {Counts} WHERE {groupless}") > 0);
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM {Counts} WHERE {groupless} AND grp <> ''"));
        Assert.True(await db.ScalarAsync($"SELECT COUNT(*) FROM {Counts} WHERE kind = {(short)RollupDimension.Route} AND grp <> ''") > 0);

        // One row per address, application and bot flag in a bucket, however many groups the address touched.
        var perAddress = await db.QueryRowsAsync(
            $"SELECT COUNT(*) FROM {Counts} WHERE period = {(short)RollupPeriod.Month} AND kind = {(short)RollupDimension.Remote} GROUP BY bucket_start, app, bot, dim_key HAVING COUNT(*) > 1");
        Assert.Empty(perAddress);
    }

    [Fact]
    public async Task Remote_addresses_and_visitors_wait_for_their_longer_window_while_the_rest_is_written()
    {
        await using var db = await CreateFlushingByCountAsync(maxPendingRecords: 100, maxPendingWideKeys: 1_000_000);
        await db.StoreAsync(RollupRecords.Spread(MonthEdge.AddMinutes(-50), TimeSpan.FromMinutes(100), 150, seed: 0));

        var wide = $"kind IN ({(short)RollupDimension.Remote}, {(short)RollupDimension.Visitor})";
        Assert.Equal(150, await MonthlyHitsAsync(db, RollupDimension.Total));
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM {Counts} WHERE {wide}"));

        await db.Services.GetRequiredService<RollupHook>().FlushAsync();
        Assert.Equal(150, await MonthlyHitsAsync(db, RollupDimension.Remote));
        Assert.Equal(150, await MonthlyHitsAsync(db, RollupDimension.Total));
    }

    [Fact]
    public async Task Remote_addresses_and_visitors_are_written_early_once_too_many_keys_wait()
    {
        await using var db = await CreateFlushingByCountAsync(maxPendingRecords: 1_000_000, maxPendingWideKeys: 5);
        await db.StoreAsync(RollupRecords.Spread(MonthEdge.AddMinutes(-50), TimeSpan.FromMinutes(100), 150, seed: 0));

        Assert.Equal(150, await MonthlyHitsAsync(db, RollupDimension.Remote));
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM {Counts} WHERE kind = {(short)RollupDimension.Total}"));
    }

    [Fact]
    public async Task Batches_are_handed_over_while_a_flush_waits_for_the_database()
    {
        await using var db = await CreateFlushingByCountAsync(maxPendingRecords: 100, maxPendingWideKeys: 1_000_000);
        var records = RollupRecords.Spread(MonthEdge.AddMinutes(-50), TimeSpan.FromMinutes(100), 600, seed: 0);
        var store = db.Services.GetServices<IUsageStore>().Single(RollupStores.IsDatabaseStore);
        var hook = db.Services.GetRequiredService<RollupHook>();

        // While another connection holds the rollup tables, the first flush waits; a hook that wrote on the writer's
        // turn would hold the writer as long, and the timeout below would fail the test.
        await using (await db.BlockRollupWritesAsync())
        {
            for (var i = 0; i < records.Count; i += 100)
            {
                await hook.OnBatchStoredAsync(store, records.GetRange(i, 100), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        await hook.FlushAsync();
        Assert.Equal(600, await MonthlyHitsAsync(db, RollupDimension.Total));
        Assert.Equal(600, await MonthlyHitsAsync(db, RollupDimension.Remote));
    }

    [Fact]
    public async Task A_failed_background_flush_is_reported_with_the_next_batch_and_its_sums_are_written_once_by_the_next_flush()
    {
        await using var db = await CreateFlushingByCountAsync(maxPendingRecords: 100, maxPendingWideKeys: 1_000_000);
        var records = RollupRecords.Spread(MonthEdge.AddMinutes(-50), TimeSpan.FromMinutes(100), 300, seed: 0);
        var hook = db.Services.GetRequiredService<RollupHook>();

        // The first flush fails after writing its counts, which its transaction takes back.
        await db.ExecuteAsync("ALTER TABLE usage_latency_rollups RENAME TO usage_latency_rollups_away");
        await db.StoreAsync(records.GetRange(0, 150));
        await db.ExecuteAsync("ALTER TABLE usage_latency_rollups_away RENAME TO usage_latency_rollups");

        var reported = await Assert.ThrowsAsync<InvalidOperationException>(() => db.StoreAsync(records.GetRange(150, 150)));
        Assert.NotNull(reported.InnerException);
        await hook.WhenFlushedAsync();
        await hook.FlushAsync();

        var month = $"period = {(short)RollupPeriod.Month}";
        Assert.Equal(300, await db.ScalarAsync($"SELECT COUNT(*) FROM usage_records"));
        Assert.Equal(300, await db.ScalarAsync($"SELECT SUM(hits) FROM {Counts} WHERE {month} AND kind = {(short)RollupDimension.Total}"));
        Assert.Equal(300, await db.ScalarAsync($"SELECT SUM(hits) FROM {Counts} WHERE {month} AND kind = {(short)RollupDimension.Remote}"));
        Assert.Equal(300, await db.ScalarAsync($"SELECT SUM(count) FROM usage_latency_rollups WHERE {month} AND kind = {(short)RollupDimension.Total}"));
    }

    [Fact]
    public async Task Daily_visitor_counts_count_each_visitor_once_per_day_across_flushes_and_rebuilds()
    {
        await using var db = await CreateDatabaseAsync();
        foreach (var batch in EdgeBatches())
        {
            // Each batch in two halves: the second half brings back visitors the first half created.
            await db.StoreAsync(batch.Take(batch.Count / 2).ToList());
            await db.StoreAsync(batch.Skip(batch.Count / 2).ToList());
        }

        var rawDaily = $"""
            SELECT COUNT(*) FROM (SELECT DISTINCT {DayOf(db)} AS d, COALESCE(server_name, '') AS a, is_bot AS b, COALESCE(visitor_id, remote_addr) AS v
            FROM usage_records WHERE COALESCE(visitor_id, remote_addr) IS NOT NULL) s
            """;
        var expected = await db.ScalarAsync(rawDaily);
        Assert.True(expected > 10);
        var counted = $"SELECT SUM(hits) FROM {Counts} WHERE kind = {(short)RollupDimension.VisitorCount}";
        Assert.Equal(expected, await db.ScalarAsync($"{counted} AND period = {(short)RollupPeriod.Day}"));
        Assert.Equal(expected, await db.ScalarAsync($"{counted} AND period = {(short)RollupPeriod.Month}"));
        Assert.Equal(
            await db.ScalarAsync($"SELECT COUNT(*) FROM {Counts} WHERE kind = {(short)RollupDimension.Visitor}"),
            await db.ScalarAsync($"{counted} AND period = {(short)RollupPeriod.Day}"));

        await db.Services.GetRequiredService<RollupRebuilder>().RebuildAsync();
        Assert.Equal(expected, await db.ScalarAsync($"{counted} AND period = {(short)RollupPeriod.Day}"));
        Assert.Equal(expected, await db.ScalarAsync($"{counted} AND period = {(short)RollupPeriod.Month}"));
    }

    private static string DayOf(RollupTestDatabase db) => db.Provider == UsageStorageProvider.Sqlite
        ? "date / 86400000"
        : "date_trunc('day', date AT TIME ZONE 'UTC')";

    [Fact]
    public async Task Hook_ignores_stores_other_than_the_database()
    {
        await using var db = await CreateDatabaseAsync();
        var hook = db.Services.GetServices<IUsageStoreHook>().Single();
        await hook.OnBatchStoredAsync(new OtherStore(), [RollupRecords.Create(MonthEdge, 1)], CancellationToken.None);
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM {Counts}"));
    }

    [Theory]
    [InlineData(SummaryPeriod.Hour)]
    [InlineData(SummaryPeriod.Day)]
    public async Task Summary_pages_read_from_the_newest_periods_equal_pages_of_the_whole_range(SummaryPeriod period)
    {
        await using var db = await CreateDatabaseAsync();
        var start = new DateTime(2026, 11, 10, 0, 0, 0, DateTimeKind.Utc);
        var step = period == SummaryPeriod.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

        // Period i holds (i % 5) + 1 paths with different counts; periods 20 to 29 hold nothing, so a window that stops
        // short of a full page has to grow past them.
        var records = new List<UsageRecord>();
        for (var i = 0; i < 40; i++)
        {
            if (i is >= 20 and < 30)
            {
                continue;
            }

            for (var p = 0; p <= i % 5; p++)
            {
                for (var n = 0; n <= (p * 7 + i) % 4; n++)
                {
                    records.Add(new UsageRecord
                    {
                        Date = start + step * i + TimeSpan.FromMinutes(n), Path = $"/p{p}", Url = $"http://h/p{p}", Status = 200,
                        ContentLength = 1, RemoteAddr = "1.1.1.1", ServerName = "app", Method = "GET", Speed = 0.01,
                    });
                }
            }
        }

        await db.StoreAsync(records);
        var expected = records
            .GroupBy(r => (Start: start + step * (int)((r.Date - start) / step), r.Path))
            .Select(g => $"{g.Key.Start:yyyy-MM-ddTHH}|{g.Key.Path}|{g.Count()}")
            .OrderByDescending(x => x[..13], StringComparer.Ordinal)
            .ThenByDescending(x => int.Parse(x[(x.LastIndexOf('|') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(x => x.Split('|')[1], StringComparer.Ordinal)
            .ToList();

        var reader = db.Services.GetRequiredService<IUsageSummaryReader>();
        foreach (var limit in new[] { 1, 3, 7, 500 })
        {
            for (var page = 1; page <= expected.Count / limit + 2; page++)
            {
                var rows = await reader.GetSummaryAsync(SummaryKind.Url, period, start.AddDays(-3), start + step * 41, limit, page);
                Assert.Equal(expected.Skip((page - 1) * limit).Take(limit), rows.Select(r => $"{r.Date:yyyy-MM-ddTHH}|{r.Key}|{r.Hits}"));
            }
        }
    }

    [Fact]
    public async Task Summary_returns_date_key_hits_transfer_newest_first_with_paging_and_target()
    {
        await using var db = await CreateDatabaseAsync();
        var day1 = new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);
        var day2 = day1.AddDays(1);
        UsageRecord Rec(DateTime d, string path, long bytes, string ip) => new()
        {
            Date = d, Path = path, Url = "http://h" + path, Status = 200, ContentLength = bytes, RemoteAddr = ip,
            ServerName = "app", Method = "GET", Speed = 0.01, CountryCode = "DE", Browser = "Chrome", Language = "de",
        };

        await db.StoreAsync(
        [
            Rec(day1, "/a", 10, "1.1.1.1"), Rec(day1, "/a", 20, "1.1.1.1"), Rec(day1, "/b", 5, "2.2.2.2"),
            Rec(day2, "/a", 1, "1.1.1.1"), Rec(day2, "/b", 2, "2.2.2.2"), Rec(day2, "/b", 3, "2.2.2.2"), Rec(day2, "/c", 4, "3.3.3.3"),
            Rec(day1.AddHours(1), "/a", 7, "1.1.1.1"),
        ]);

        var reader = db.Services.GetRequiredService<IUsageSummaryReader>();
        var from = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

        var days = await reader.GetSummaryAsync(SummaryKind.Url, SummaryPeriod.Day, from, to);
        Assert.Equal(
            ["2026-11-21|/b|2|5", "2026-11-21|/a|1|1", "2026-11-21|/c|1|4", "2026-11-20|/a|3|37", "2026-11-20|/b|1|5"],
            days.Select(r => $"{r.Date:yyyy-MM-dd}|{r.Key}|{r.Hits}|{r.Transfer}"));

        var page2 = await reader.GetSummaryAsync(SummaryKind.Url, SummaryPeriod.Day, from, to, limit: 2, page: 2);
        Assert.Equal(["2026-11-21|/c", "2026-11-20|/a"], page2.Select(r => $"{r.Date:yyyy-MM-dd}|{r.Key}"));
        var page0 = await reader.GetSummaryAsync(SummaryKind.Url, SummaryPeriod.Day, from, to, limit: 2, page: 0);
        Assert.Equal(["/b", "/a"], page0.Select(r => r.Key));

        var target = await reader.GetSummaryAsync(SummaryKind.Remote, SummaryPeriod.Hour, from, to, target: "1.1.1.1");
        Assert.Equal(["2026-11-21T10|1", "2026-11-20T11|1", "2026-11-20T10|2"], target.Select(r => $"{r.Date:yyyy-MM-ddTHH}|{r.Hits}"));
        // A target no key can hold (PostgreSQL refuses a NUL in a text parameter) matches nothing.
        Assert.Empty(await reader.GetSummaryAsync(SummaryKind.Remote, SummaryPeriod.Hour, from, to, target: "1.1.1.\0"));

        var month = await reader.GetSummaryAsync(SummaryKind.Server, SummaryPeriod.Month, from, to);
        Assert.Equal(["2026-11-01|app|8|52"], month.Select(r => $"{r.Date:yyyy-MM-dd}|{r.Key}|{r.Hits}|{r.Transfer}"));

        var visitors = await reader.GetSummaryAsync(SummaryKind.Visitor, SummaryPeriod.Month, from, to);
        Assert.Equal(["1.1.1.1|4", "2.2.2.2|3", "3.3.3.3|1"], visitors.Select(r => $"{r.Key}|{r.Hits}"));

        var geo = await reader.GetSummaryAsync(SummaryKind.Geo, SummaryPeriod.Day, from, to);
        Assert.Equal([4, 4], geo.Select(r => r.Hits));
        Assert.Equal(10.0, geo[0].AverageMs, 6);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.GetSummaryAsync(SummaryKind.Url, SummaryPeriod.Day, from, to, limit: 0));
        await Assert.ThrowsAsync<ArgumentException>(() => reader.GetSummaryAsync(SummaryKind.Visitor, SummaryPeriod.Hour, from, to));
        await Assert.ThrowsAsync<ArgumentException>(() => reader.GetSummaryAsync(SummaryKind.Url, SummaryPeriod.Day, to, from));
    }

    [Fact]
    public async Task Percentiles_from_rollup_histograms_are_within_5_percent_of_exact()
    {
        await using var db = await CreateDatabaseAsync();
        var start = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(42);
        var records = Enumerable.Range(0, 3000).Select(i =>
        {
            var r = RollupRecords.Create(start.AddSeconds(i * 7), i);
            // Log-normal-ish latencies around 40 ms with a slow tail.
            r.Speed = Math.Exp(Math.Log(0.04) + 0.8 * NextGaussian(random));
            return r;
        }).ToList();
        foreach (var chunk in records.Chunk(500))
        {
            await db.StoreAsync(chunk);
        }

        var columns = string.Join(", ", Enumerable.Range(0, LatencyHistogram.BucketCount).Select(i => $"SUM(h{i})"));
        var row = (await db.QueryRowsAsync($"SELECT {columns} FROM usage_latency_rollups WHERE period = 1 AND kind = {(short)RollupDimension.Route}")).Single();
        var counts = row.Split('|').Select(long.Parse).ToArray();
        var sorted = records.Select(r => r.Speed * 1000).Order().ToArray();
        foreach (var p in (double[])[0.5, 0.9, 0.95, 0.99])
        {
            var exact = ExactPercentile(sorted, p);
            var estimate = LatencyHistogram.Percentile(counts, p)!.Value;
            Assert.InRange(Math.Abs(estimate - exact) / exact, 0, 0.05);
        }
    }

    private static double ExactPercentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class OtherStore : IUsageStore
    {
        public string Name => "log";

        public ValueTask StoreAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
