using System.Globalization;
using Npgsql;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// PostgreSQL monthly range partitioning of <c>usage_records</c>, which EF Core cannot model: the SQL a
/// migration runs once (<see cref="ConvertToPartitionedSql"/>) and the maintenance run in the background
/// (create partitions ahead, drop expired ones). Everything is a no-op on an unpartitioned table, so the
/// maintenance is safe before the migration exists.
/// </summary>
/// <remarks>
/// A partitioned table's primary key must contain the partition key; the model's <c>(date, id)</c> does.
/// PostgreSQL 15 has no identity columns on partitioned tables, so ids come from a sequence default
/// (caching 100 ids per connection, like the identity of the unpartitioned table). A DEFAULT partition
/// catches records outside every monthly partition (clock skew, imports) so that no insert ever fails;
/// creating a month moves its rows out of it first.
/// </remarks>
public static class PostgreSqlPartitioning
{
    /// <summary>The partitioned table.</summary>
    public const string Table = "usage_records";

    /// <summary>The catch-all partition.</summary>
    public const string DefaultPartition = "usage_records_default";

    /// <summary>
    /// Storage parameters of every partition: a partitioned table holds no rows and takes no autovacuum settings, so the
    /// unpartitioned table's insert threshold (<see cref="Configuration.UsageRecordConfiguration.VacuumInsertThreshold"/>)
    /// goes on each partition.
    /// </summary>
    private static readonly string PartitionStorage =
        $"autovacuum_vacuum_insert_threshold = {Configuration.UsageRecordConfiguration.VacuumInsertThreshold}";

    /// <summary>The sequence that numbers ids of the partitioned table.</summary>
    public const string IdSequence = "usage_records_id_seq_partitioned";

    /// <summary>
    /// Converts the EF-created <c>usage_records</c> (with its rows) into a table partitioned by month on <c>date</c>:
    /// partitions for every month holding rows plus the current and next two, a default partition, the
    /// <c>(date, id)</c> primary key, the BRIN index on id and an id sequence continuing after the highest id.
    /// Run once from a migration after the table is created.
    /// </summary>
    public static readonly string ConvertToPartitionedSql = $$"""
        ALTER TABLE usage_records RENAME TO usage_records_unpartitioned;
        CREATE TABLE usage_records (LIKE usage_records_unpartitioned INCLUDING DEFAULTS INCLUDING STORAGE) PARTITION BY RANGE (date);
        ALTER TABLE usage_records ALTER COLUMN id DROP DEFAULT;
        CREATE TABLE usage_records_default PARTITION OF usage_records DEFAULT WITH ({{PartitionStorage}});
        DO $$
        DECLARE
            m timestamptz := date_trunc('month', COALESCE((SELECT min(date) FROM usage_records_unpartitioned), now()) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
            last timestamptz := date_trunc('month', GREATEST(now(), COALESCE((SELECT max(date) FROM usage_records_unpartitioned), now())) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '2 months';
        BEGIN
            WHILE m <= last LOOP
                EXECUTE format('CREATE TABLE %I PARTITION OF usage_records FOR VALUES FROM (%L) TO (%L) WITH ({{PartitionStorage}})',
                    'usage_records_p' || to_char(m AT TIME ZONE 'UTC', 'YYYYMM'), m, (m AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC');
                m := (m AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC';
            END LOOP;
        END $$;
        INSERT INTO usage_records SELECT * FROM usage_records_unpartitioned;
        CREATE SEQUENCE usage_records_id_seq_partitioned AS bigint CACHE 100 OWNED BY usage_records.id;
        SELECT setval('usage_records_id_seq_partitioned', COALESCE((SELECT max(id) FROM usage_records_unpartitioned), 0) + 1, false);
        ALTER TABLE usage_records ALTER COLUMN id SET DEFAULT nextval('usage_records_id_seq_partitioned');
        DROP TABLE usage_records_unpartitioned;
        ALTER TABLE usage_records ADD CONSTRAINT "PK_usage_records" PRIMARY KEY (date, id);
        CREATE INDEX ix_usage_records_id ON usage_records USING brin (id) WITH (pages_per_range = 32);
        """;

    /// <summary>
    /// Replaces the <c>(date, id)</c> primary key's b-tree with a block-range (BRIN) index on <c>date</c>. Rows arrive in
    /// time order, so each range of 32 heap pages covers a short span of time and a time-range read visits only the
    /// ranges that overlap it; but a BRIN insert costs a fraction of a b-tree insert, which was about a quarter of the
    /// server's work per COPYed row. Newest-first pages are read in time windows instead of by walking the key
    /// (<see cref="Reading.NewestFirst"/>). Ids stay unique without the key: only the sequence assigns them.
    /// </summary>
    public static readonly string IndexDatesByBlockRangeSql = $"""
        ALTER TABLE {Table} DROP CONSTRAINT IF EXISTS "PK_usage_records";
        CREATE INDEX IF NOT EXISTS ix_usage_records_date ON {Table} USING brin (date) WITH (pages_per_range = {Configuration.UsageRecordConfiguration.BrinPagesPerRange});
        """;

    /// <summary>Undoes <see cref="IndexDatesByBlockRangeSql"/>.</summary>
    public static readonly string RestoreDateKeySql = $"""
        DROP INDEX IF EXISTS ix_usage_records_date;
        ALTER TABLE {Table} ADD CONSTRAINT "PK_usage_records" PRIMARY KEY (date, id);
        """;

    /// <summary>The raw table's layout after every migration, for tables made by <c>EnsureCreated</c> (tests, benchmarks).</summary>
    public static readonly string MigratedLayoutSql = ConvertToPartitionedSql + IndexDatesByBlockRangeSql;

    private const string IsPartitionedSql = """
        SELECT EXISTS (SELECT 1 FROM pg_partitioned_table pt JOIN pg_class c ON c.oid = pt.partrelid
                       WHERE c.relname = 'usage_records' AND c.relnamespace = current_schema()::regnamespace)
        """;

    private const string ListPartitionsSql = """
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'usage_records' AND p.relnamespace = current_schema()::regnamespace
        """;

    /// <summary>The partition name of the month starting at <paramref name="monthStart"/>, e.g. <c>usage_records_p202611</c>.</summary>
    public static string PartitionName(DateTime monthStart) =>
        "usage_records_p" + monthStart.ToString("yyyyMM", CultureInfo.InvariantCulture);

    /// <summary>Whether <c>usage_records</c> is partitioned in the connection's schema.</summary>
    public static async Task<bool> IsPartitionedAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(IsPartitionedSql, connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Creates the partitions of the month of <paramref name="now"/> and the <paramref name="monthsAhead"/> following
    /// months when missing, moving matching rows out of the default partition. Returns the partitions created.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsurePartitionsAsync(
        NpgsqlConnection connection, DateTime now, int monthsAhead, CancellationToken cancellationToken = default)
    {
        var created = new List<string>();
        if (!await IsPartitionedAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return created;
        }

        var existing = await ListPartitionsAsync(connection, cancellationToken).ConfigureAwait(false);
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i <= Math.Max(0, monthsAhead); i++, month = month.AddMonths(1))
        {
            var name = PartitionName(month);
            if (existing.Contains(name))
            {
                continue;
            }

            await CreatePartitionAsync(connection, name, month, month.AddMonths(1), cancellationToken).ConfigureAwait(false);
            created.Add(name);
        }

        return created;
    }

    /// <summary>Drops every monthly partition that ends at or before <paramref name="cutoff"/>. Returns the partitions dropped.</summary>
    public static async Task<IReadOnlyList<string>> DropExpiredPartitionsAsync(
        NpgsqlConnection connection, DateTime cutoff, CancellationToken cancellationToken = default)
    {
        var dropped = new List<string>();
        if (!await IsPartitionedAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return dropped;
        }

        foreach (var name in await ListPartitionsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            if (!name.StartsWith("usage_records_p", StringComparison.Ordinal)
                || !DateTime.TryParseExact(name["usage_records_p".Length..], "yyyyMM", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month)
                || month.AddMonths(1) > cutoff)
            {
                continue;
            }

            await using var command = new NpgsqlCommand($"DROP TABLE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            dropped.Add(name);
        }

        return dropped;
    }

    internal static async Task<HashSet<string>> ListPartitionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(ListPartitionsSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task CreatePartitionAsync(NpgsqlConnection connection, string name, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        // Rows of this month that landed in the default partition must leave it before the month can be attached.
        var fromText = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var toText = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sql = $"""
            CREATE TEMP TABLE usage_records_moving (LIKE {Table}) ON COMMIT DROP;
            WITH moved AS (DELETE FROM {DefaultPartition} WHERE date >= @from AND date < @to RETURNING *)
                INSERT INTO usage_records_moving SELECT * FROM moved;
            CREATE TABLE "{name}" PARTITION OF {Table} FOR VALUES FROM ('{fromText}T00:00:00Z') TO ('{toText}T00:00:00Z') WITH ({PartitionStorage});
            INSERT INTO {Table} SELECT * FROM usage_records_moving;
            """;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
