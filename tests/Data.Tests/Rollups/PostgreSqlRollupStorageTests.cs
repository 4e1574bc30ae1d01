using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Rollups;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>Rollup storage tests on a real PostgreSQL server.</summary>
public sealed class PostgreSqlRollupStorageTests(PostgresServerFixture server) : RollupStorageTests
{
    private protected override async Task<RollupTestDatabase> CreateDatabaseAsync(Action<UsageRollupOptions>? rollups = null) =>
        await RollupTestDatabase.CreateAsync(UsageStorageProvider.PostgreSql, await server.CreateDatabaseAsync("rollups"), rollups: rollups, partitioned: true);

    [Fact]
    public async Task Rows_land_in_the_leaf_of_their_period_and_kind_which_alone_a_page_query_reads()
    {
        await using var db = await CreateDatabaseAsync();
        await db.StoreAsync(RollupRecords.Spread(new DateTime(2026, 11, 3, 10, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(5), 200, seed: 0));

        var dayPaths = PostgreSqlRollupPartitioning.LeafName(RollupSql.Counts, RollupPeriod.Day, RollupDimension.Path);
        Assert.Equal("usage_rollups_day_path", dayPaths);
        Assert.True(await db.ScalarAsync($"SELECT COUNT(*) FROM {dayPaths}") > 0);
        Assert.Equal(
            await db.ScalarAsync("SELECT COUNT(*) FROM usage_rollups WHERE period = 1 AND kind = 2"),
            await db.ScalarAsync($"SELECT COUNT(*) FROM {dayPaths}"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM usage_rollups_base_other"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM usage_rollups_other"));
        Assert.Equal(1, await db.ScalarAsync(
            $"SELECT COUNT(*) FROM pg_class WHERE oid = '{dayPaths}'::regclass AND reloptions @> ARRAY['fillfactor={PostgreSqlRollupPartitioning.LeafFillFactor}']"));
        Assert.Equal(200, await db.ScalarAsync(
            $"SELECT SUM(count) FROM {PostgreSqlRollupPartitioning.LeafName(RollupSql.Latency, RollupPeriod.Month, RollupDimension.Total)}"));

        var plan = string.Join("\n", await db.QueryRowsAsync(
            "EXPLAIN SELECT dim_key, SUM(hits) FROM usage_rollups WHERE period = 1 AND kind = 2 AND bucket_start >= 0 GROUP BY dim_key"));
        Assert.Contains(dayPaths, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("usage_rollups_day_route", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("usage_rollups_base", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migration_leaves_room_for_updates_on_every_leaf_made_without_it()
    {
        await using var db = await CreateDatabaseAsync();
        const string Leaves = PostgreSqlRollupPartitioning.LeavesSql;
        var withRoom = $"SELECT COUNT(*) FROM ({Leaves}) l JOIN pg_class c ON c.oid = l.relid "
            + $"WHERE c.reloptions @> ARRAY['fillfactor={PostgreSqlRollupPartitioning.LeafFillFactor}']";
        var leaves = await db.ScalarAsync($"SELECT COUNT(*) FROM ({Leaves}) l");
        await db.ExecuteAsync(PostgreSqlRollupPartitioning.SetLeafFillFactorSql(100));
        Assert.Equal(0, await db.ScalarAsync(withRoom));

        await db.ExecuteAsync(PostgreSqlRollupPartitioning.LeaveRoomForUpdatesSql);

        Assert.Equal(leaves, await db.ScalarAsync(withRoom));
    }

    [Fact]
    public async Task Two_writers_flushing_the_same_new_visitors_at_once_count_each_visitor_once()
    {
        await using var db = await CreateDatabaseAsync();
        var day = new DateTime(2026, 11, 3, 10, 0, 0, DateTimeKind.Utc);
        var records = Enumerable.Range(0, 300).Select(i => new Tracker.UsageRecord
        {
            Date = day.AddSeconds(i), Path = "/a", Url = "http://h/a", Status = 200, ContentLength = 1, RemoteAddr = $"10.0.{i / 200}.{i % 200}",
            ServerName = "app", Method = "GET", Speed = 0.01,
        }).ToList();

        // Both see every visitor as new in memory; the database must let exactly one of them insert each row.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            var batch = new RollupBatch(RollupBatchPart.Wide);
            batch.AddRange(w == 0 ? records : [.. Enumerable.Reverse(records)]);
            await using var context = await db.CreateContextAsync();
            await context.Database.OpenConnectionAsync();
            var connection = context.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync();
            await new PostgreSqlRollupWriter().WriteAsync(connection, transaction, batch.Expand(), CancellationToken.None);
            await transaction.CommitAsync();
        })));

        Assert.Equal(300, await db.ScalarAsync("SELECT COUNT(*) FROM usage_rollups WHERE period = 1 AND kind = 10"));
        Assert.Equal(600, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 1 AND kind = 10"));
        Assert.Equal(300, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 1 AND kind = 18"));
        Assert.Equal(300, await db.ScalarAsync("SELECT SUM(hits) FROM usage_rollups WHERE period = 2 AND kind = 18"));
    }

    [Fact]
    public async Task Dashboard_queries_run_without_jit_compilation_or_parallel_workers()
    {
        await using var db = await CreateDatabaseAsync();
        Assert.Equal(["off"], await db.QueryRowsAsync("SHOW jit"));
        Assert.Equal(["0"], await db.QueryRowsAsync("SHOW max_parallel_workers_per_gather"));
    }
}
