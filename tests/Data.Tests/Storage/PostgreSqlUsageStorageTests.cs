using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UsageDashboard.Data.Reading;
using UsageDashboard.Data.Rollups;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker;
using static UsageDashboard.Data.Tests.Storage.UsageRecords;

namespace UsageDashboard.Data.Tests.Storage;

public sealed class PostgreSqlUsageStorageTests(PostgresServerFixture postgres) : UsageStorageTests
{
    protected override UsageStorageProvider Provider => UsageStorageProvider.PostgreSql;

    protected override Task<string> CreateDatabaseAsync() => postgres.CreateDatabaseAsync();

    protected override string RejectStatusSql(int status) =>
        $"ALTER TABLE usage_records ADD CONSTRAINT reject_status CHECK (status <> {status})";

    protected override string ColumnNamesSql =>
        "SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'usage_records'";

    [Fact]
    public async Task A_batch_is_still_stored_when_the_server_closed_the_writers_idle_connection()
    {
        var (store, reader, host) = await OpenAsync();
        await store.StoreAsync([Full(BaseTime, 1)], Ct);

        // What a server restart, a failover or an idle-session timeout leaves in the writer's pool: a connection that
        // looks idle and open but whose server process is gone.
        await using (var admin = new NpgsqlConnection(ConnectionStringOf(host)))
        {
            await admin.OpenAsync(Ct);
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            Assert.True((long)(await terminate.ExecuteScalarAsync(Ct))! >= 1);
        }

        await store.StoreAsync([Full(BaseTime.AddSeconds(1), 2), Full(BaseTime.AddSeconds(2), 3)], Ct);

        // The reader's pooled connections were terminated too; this test is about the writer.
        NpgsqlConnection.ClearAllPools();
        var records = await reader.GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, 10, 1, Ct);
        Assert.Equal(["/shop/products/3", "/shop/products/2", "/shop/products/1"], records.Select(r => r.Path));
    }

    [Fact]
    public async Task Migrations_partition_the_raw_table_by_month_ahead_with_a_default_and_the_vacuum_threshold_on_every_partition()
    {
        var (store, _, host) = await OpenAsync();
        var now = DateTime.UtcNow;
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        await store.StoreAsync([Minimal(now), Minimal(month.AddMonths(2).AddDays(3)), Minimal(BaseTime.AddYears(-3))], Ct);

        await using var connection = new NpgsqlConnection(ConnectionStringOf(host));
        await connection.OpenAsync(Ct);
        Assert.True(await PostgreSqlPartitioning.IsPartitionedAsync(connection, Ct));
        await using var partitions = new NpgsqlCommand(
            "SELECT c.relname, array_to_string(c.reloptions, ','), (SELECT count(*) FROM usage_records WHERE tableoid = c.oid) "
            + "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'usage_records'::regclass ORDER BY 1", connection);
        var rows = new List<string>();
        await using (var reader = await partitions.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetInt64(2)}");
            }
        }

        var threshold = $"autovacuum_vacuum_insert_threshold={Configuration.UsageRecordConfiguration.VacuumInsertThreshold}";
        Assert.Equal(
        [
            $"{PostgreSqlPartitioning.DefaultPartition} {threshold} 1",
            $"{PostgreSqlPartitioning.PartitionName(month)} {threshold} 1",
            $"{PostgreSqlPartitioning.PartitionName(month.AddMonths(1))} {threshold} 0",
            $"{PostgreSqlPartitioning.PartitionName(month.AddMonths(2))} {threshold} 1",
        ],
        rows);
    }

    [Fact]
    public async Task Migrations_partition_the_rollup_tables_by_period_and_kind_with_the_key_indexes_on_every_leaf()
    {
        var (_, _, host) = await OpenAsync();
        await using var connection = new NpgsqlConnection(ConnectionStringOf(host));
        await connection.OpenAsync(Ct);

        Task<List<string>> RowsAsync(string sql) => FirstColumnAsync(connection, sql);
        string Leaves(string table) => $"SELECT relid::regclass::text FROM pg_partition_tree('{table}') WHERE isleaf ORDER BY 1";
        string Indexes(string leaf) => $"SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = '{leaf}'::regclass ORDER BY 1";

        // Every kind in each of the four periods, a default per period and one for other periods.
        var counts = await RowsAsync(Leaves("usage_rollups"));
        Assert.Equal(4 * (Enum.GetValues<RollupDimension>().Length + 1) + 1, counts.Count);
        Assert.Contains("usage_rollups_hour_path", counts);
        Assert.Contains("usage_rollups_day_path_status", counts);
        Assert.Contains("usage_rollups_month_other", counts);
        var latency = await RowsAsync(Leaves("usage_latency_rollups"));
        Assert.Equal(4 * (3 + 1) + 1, latency.Count);
        Assert.Contains("usage_latency_rollups_base_route", latency);
        Assert.Contains("usage_latency_rollups_hour_path", latency);
        Assert.Contains("usage_latency_rollups_hour_other", latency);

        var routeStatus = await RowsAsync(Indexes("usage_rollups_base_route_status"));
        Assert.Equal(3, routeStatus.Count);
        Assert.Contains(routeStatus, d => d.Contains("UNIQUE", StringComparison.Ordinal)
            && d.Contains("(period, kind, bucket_start, app, grp, bot, dim_key)", StringComparison.Ordinal));
        Assert.Contains(routeStatus, d => d.Contains("kind = ANY (ARRAY[1, 14, 15, 16])", StringComparison.Ordinal));
        Assert.Contains(routeStatus, d => d.Contains("kind = ANY (ARRAY[19, 20, 21])", StringComparison.Ordinal));
        // The sighting indexes on the leaf of daily visitor rows, and on no other.
        var visitors = await RowsAsync(Indexes("usage_rollups_day_visitor"));
        Assert.Contains(visitors, d => d.Contains("(kind, period, bucket_start, bot, first_ms, app)", StringComparison.Ordinal));
        Assert.Contains(visitors, d => d.Contains("(kind, period, bucket_start, bot, last_ms, app)", StringComparison.Ordinal));
        Assert.DoesNotContain(routeStatus, d => d.Contains("first_ms", StringComparison.Ordinal));
        foreach (var leaf in (string[])["usage_latency_rollups_base_path", "usage_latency_rollups_hour_path"])
        {
            Assert.Contains(await RowsAsync(Indexes(leaf)),
                d => d.Contains("dim_key COLLATE \"C\"", StringComparison.Ordinal) && d.Contains("kind = ANY (ARRAY[1, 2])", StringComparison.Ordinal));
        }

        // Every leaf leaves room on its pages for the updates of the rows it holds.
        Assert.Empty(await RowsAsync(
            $"SELECT c.relname FROM ({PostgreSqlRollupPartitioning.LeavesSql}) l JOIN pg_class c ON c.oid = l.relid "
            + $"WHERE c.reloptions IS NULL OR NOT c.reloptions @> ARRAY['fillfactor={PostgreSqlRollupPartitioning.LeafFillFactor}']"));
    }

    [Fact]
    public async Task Newest_first_windows_are_read_through_the_block_range_index_on_dates_and_no_key_b_tree_is_kept()
    {
        // Enough rows that a quarter-hour window is a small share of the table, as in production.
        await using var connection = await StoreSecondsApartAndVacuumAsync((date, _) => Minimal(date));

        var window = NewestFirst.FirstWindow;
        var plan = await FirstColumnAsync(connection,
            "EXPLAIN SELECT * FROM usage_records WHERE date >= $1 AND date < $2 ORDER BY date DESC, id DESC LIMIT 50",
            BaseTime.AddSeconds(40_000) - window, BaseTime.AddSeconds(40_000));
        // The migrations partition the table by month: the index is then the partition's own.
        Assert.Matches("Bitmap Index Scan on (ix_usage_records_date|usage_records_\\w+_date_idx)", string.Join('\n', plan));
        Assert.Empty(await FirstColumnAsync(connection,
            "SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname LIKE 'usage_records%' AND i.indisprimary"));
    }

    [Fact]
    public async Task A_window_too_dense_to_sort_is_narrowed_and_deep_pages_match_the_sorted_table()
    {
        var (store, reader, host) = await OpenAsync();
        // 45 000 rows in 45 seconds: the first window holds more than twice NewestFirst.WindowRows.
        for (var b = 0; b < 45; b++)
        {
            await store.StoreAsync([.. Enumerable.Range(0, 1000).Select(i => Minimal(BaseTime.AddMilliseconds(b * 1000 + i)))], Ct);
        }

        await using var connection = new NpgsqlConnection(ConnectionStringOf(host));
        await connection.OpenAsync(Ct);
        foreach (var page in (int[])[1, 2, 201, 449, 450])
        {
            var expected = await FirstColumnAsync(connection,
                "SELECT id::text FROM usage_records ORDER BY date DESC, id DESC OFFSET $1 LIMIT 100", (page - 1) * 100);
            var actual = await reader.GetUsageAsync(BaseTime.AddHours(-1), BaseTime.AddHours(1), 100, page, Ct);
            Assert.Equal(expected, actual.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));
        }

        Assert.Empty(await reader.GetUsageAsync(BaseTime.AddHours(-1), BaseTime.AddHours(1), 100, 451, Ct));
    }

    [Fact]
    public async Task Looking_one_record_up_by_id_as_the_request_detail_does_is_served_by_the_brin_index()
    {
        // Enough rows that reading the whole table costs more than one BRIN range, as in production.
        await using var connection = await StoreSecondsApartAndVacuumAsync((date, i) => Full(date, i));

        await using var ids = new NpgsqlCommand("SELECT min(id), max(id), count(DISTINCT id), count(*) FROM usage_records", connection);
        long min, max;
        await using (var reader = await ids.ExecuteReaderAsync(Ct))
        {
            Assert.True(await reader.ReadAsync(Ct));
            (min, max) = (reader.GetInt64(0), reader.GetInt64(1));
            Assert.Equal(reader.GetInt64(3), reader.GetInt64(2));
        }

        var plan = await FirstColumnAsync(connection, "EXPLAIN SELECT * FROM usage_records WHERE id = $1", (min + max) / 2);
        Assert.Matches("Bitmap Index Scan on (ix_usage_records_id|usage_records_\\w+_id_idx)", string.Join('\n', plan));
    }

    [Fact]
    public async Task Extreme_dates_round_trip()
    {
        var (store, reader, _) = await OpenAsync();
        var first = new DateTime(1, 1, 1, 0, 0, 0, 1, DateTimeKind.Utc);
        var last = new DateTime(9999, 12, 31, 23, 59, 59, 998, DateTimeKind.Utc);
        await store.StoreAsync([Minimal(DateTime.MinValue), Minimal(first), Minimal(new DateTime(1999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc)), Minimal(last)], Ct);

        var rows = await reader.GetUsageAsync(DateTime.MinValue, DateTime.MaxValue, IUsageReader.MaxLimit, 1, Ct);

        Assert.Equal([last, new DateTime(1999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc), first, DateTime.MinValue], rows.Select(r => r.Date));
    }

    [Fact]
    public async Task An_unreachable_server_makes_the_batch_throw_so_the_writer_can_count_it()
    {
        var connectionString = await CreateDatabaseAsync();
        var host = await StartAsync(connectionString);
        var down = new NpgsqlConnectionStringBuilder(connectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        var offline = UsageDatabaseHost.Build(UsageDatabaseHost.Settings(UsageStorageProvider.PostgreSql, down, migrate: false));

        await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
            await offline.Services.GetServices<IUsageStore>().Single().StoreAsync([Full()], Ct));
        offline.Dispose();
        Assert.Equal(0, await CountAsync(host));
    }

    private static string ConnectionStringOf(Microsoft.Extensions.Hosting.IHost host) =>
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<UsageStorageOptions>>().Value.ConnectionString!;

    /// <summary>
    /// Stores 80 000 records one second apart in batches of 1 000 and returns an open connection to their database after
    /// <c>VACUUM ANALYZE</c>, which summarizes the BRIN ranges (autovacuum does it every VacuumInsertThreshold rows).
    /// </summary>
    private async Task<NpgsqlConnection> StoreSecondsApartAndVacuumAsync(Func<DateTime, int, UsageRecord> record)
    {
        var (store, _, host) = await OpenAsync();
        for (var b = 0; b < 80; b++)
        {
            await store.StoreAsync([.. Enumerable.Range(0, 1000).Select(i => record(BaseTime.AddSeconds(b * 1000 + i), i))], Ct);
        }

        var connection = new NpgsqlConnection(ConnectionStringOf(host));
        await connection.OpenAsync(Ct);
        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE usage_records", connection))
        {
            await vacuum.ExecuteNonQueryAsync(Ct);
        }

        return connection;
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns, as text (plans, names, index definitions).</summary>
    private static async Task<List<string>> FirstColumnAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
