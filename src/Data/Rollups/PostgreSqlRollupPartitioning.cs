using System.Text;
using System.Text.RegularExpressions;
using UsageDashboard.Data.Configuration;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// PostgreSQL list partitioning of the rollup tables by period and then by kind, which EF Core cannot model: the SQL a
/// migration runs once (<see cref="ConvertToPartitionedSql"/>). Every read is "one kind, one period, a time range" with
/// both written as constants, so the planner prunes it to one leaf, which holds nothing but the rows it wants.
/// </summary>
/// <remarks>
/// <para>Without it a PostgreSQL heap (unlike SQLite's tables without rowid, clustered on their key) keeps rows in the
/// order they were written: a flush writes rows of every kind side by side, so a month of one kind's day rows lay one row
/// per heap page, and reading them cost one random page read per row (at ten million records, 120 000 path day rows
/// took 430 ms and the overview's 2 880 total rows up to 760 ms). In its own leaf a kind's rows follow each other in time
/// order, as they were written.</para>
/// <para>The primary key contains both partition keys, as PostgreSQL requires, so upserts keep their conflict target. Rows
/// of a kind or period added later land in a leaf's default partition until a migration gives them their own.</para>
/// </remarks>
internal static partial class PostgreSqlRollupPartitioning
{
    /// <summary>The kinds of latency rollups: the only ones written to <c>usage_latency_rollups</c>.</summary>
    private static readonly RollupDimension[] LatencyKinds = [RollupDimension.Total, RollupDimension.Route, RollupDimension.Path];

    /// <summary>
    /// Converts <c>usage_rollups</c> and <c>usage_latency_rollups</c>, with their rows, into tables partitioned by period and
    /// kind, and recreates their primary keys and indexes on the partitioned tables. Rows are copied in key order, so that
    /// each leaf starts out in the order that reads scan.
    /// </summary>
    public static readonly string ConvertToPartitionedSql =
        Convert(RollupSql.Counts, RollupSql.CountKeyColumns) + Convert(RollupSql.Latency, RollupSql.LatencyKeyColumns);

    /// <summary>The partitions of both rollup tables for <see cref="RollupPeriod.Hour"/> rows, with their leaf per kind.</summary>
    public static readonly string AddHourPartitionsSql =
        PeriodPartitions(RollupSql.Counts, RollupPeriod.Hour) + PeriodPartitions(RollupSql.Latency, RollupPeriod.Hour);

    /// <summary>
    /// The indexes of the visitors' first and last sightings, on the leaf of daily visitor rows only (no other leaf has
    /// sightings). A partial index on the partitioned table would be the same, but the planner never chooses one whose
    /// predicate names the partition key (<c>kind</c>). <c>kind</c> and <c>period</c> lead so that counts are index-only.
    /// </summary>
    public static readonly string VisitorSightingIndexesSql =
        SightingIndex(UsageRollupConfiguration.VisitorFirstIndex, "first_ms") + SightingIndex(UsageRollupConfiguration.VisitorLastIndex, "last_ms");

    /// <summary>
    /// The layout every migration above gives the rollup tables, for a database created from the model without migrations
    /// (tests and benchmarks).
    /// </summary>
    public static readonly string MigratedLayoutSql = ConvertToPartitionedSql + AddHourPartitionsSql + VisitorSightingIndexesSql;

    /// <summary>
    /// How full PostgreSQL packs a leaf's pages with new rows (percent). Flushes keep adding to the rows they wrote before: a
    /// 15-minute row once a second for 15 minutes, a day row all day. An update that finds room on its row's page is a HOT
    /// update: no new entry in any index, and the old version is pruned in place. On full pages (100, PostgreSQL's default)
    /// most updates moved their row to another page instead, with a new entry in every index of the leaf and bottom-up
    /// index deletion to clear the old ones: a third of the upserts' server time. At 70 about 19 in 20 updates are HOT. The
    /// price: a leaf whose rows are no longer updated holds them on up to 1 / 0.7 as many pages.
    /// </summary>
    public const int LeafFillFactor = 70;

    // A property, not a field: the layout fields above are initialized first and read it.
    private static string LeafStorage => $" WITH (fillfactor = {LeafFillFactor})";

    /// <summary>Every leaf of both rollup tables, as a query of one column (<c>relid</c>).</summary>
    public const string LeavesSql =
        $"SELECT relid FROM pg_partition_tree('{RollupSql.Counts}') WHERE isleaf "
        + $"UNION ALL SELECT relid FROM pg_partition_tree('{RollupSql.Latency}') WHERE isleaf";

    /// <summary>
    /// Sets <see cref="LeafFillFactor"/> on every leaf of both rollup tables that a migration made before it was part of
    /// their definition. Pages already written keep their rows as they are; the setting applies to what is written next.
    /// </summary>
    public static readonly string LeaveRoomForUpdatesSql = SetLeafFillFactorSql(LeafFillFactor);

    /// <summary>Sets <paramref name="fillFactor"/> on every leaf of both rollup tables (<see cref="LeavesSql"/>).</summary>
    public static string SetLeafFillFactorSql(int fillFactor) => $$"""
        DO $$
        DECLARE
            leaf regclass;
        BEGIN
            FOR leaf IN {{LeavesSql}}
            LOOP
                EXECUTE format('ALTER TABLE %s SET (fillfactor = {{fillFactor}})', leaf);
            END LOOP;
        END $$;
        """;

    /// <summary>The kinds <paramref name="table"/> has a leaf for in every period.</summary>
    public static IReadOnlyList<RollupDimension> KindsOf(string table) =>
        table == RollupSql.Latency ? LatencyKinds : Enum.GetValues<RollupDimension>();

    /// <summary>The leaf of <paramref name="table"/> holding <paramref name="period"/> rows of <paramref name="kind"/>, e.g. <c>usage_rollups_day_path_status</c>.</summary>
    public static string LeafName(string table, RollupPeriod period, RollupDimension kind) =>
        $"{PeriodTableName(table, period)}_{SnakeCase(kind.ToString())}";

    /// <summary>The partition of <paramref name="table"/> holding <paramref name="period"/> rows, itself partitioned by kind.</summary>
    private static string PeriodTableName(string table, RollupPeriod period) => $"{table}_{SnakeCase(period.ToString())}";

    private static string Convert(string table, string[] keyColumns)
    {
        var old = table + "_unpartitioned";
        var sql = new StringBuilder();
        sql.AppendLine($"ALTER TABLE {table} RENAME TO {old};");
        sql.AppendLine($"CREATE TABLE {table} (LIKE {old} INCLUDING DEFAULTS INCLUDING STORAGE) PARTITION BY LIST (period);");
        // The periods there were when this conversion was written; a later period's partitions come with its migration.
        foreach (var period in (RollupPeriod[])[RollupPeriod.Base, RollupPeriod.Day, RollupPeriod.Month])
        {
            sql.Append(PeriodPartitions(table, period));
        }

        sql.AppendLine($"CREATE TABLE {table}_other PARTITION OF {table} DEFAULT{LeafStorage};");
        sql.AppendLine($"INSERT INTO {table} SELECT * FROM {old} ORDER BY {string.Join(", ", keyColumns)};");

        // The secondary indexes come back as they were defined, now on the partitioned table (which gives every leaf its
        // own); their names are free once the old table is dropped.
        sql.AppendLine($$"""
            DO $$
            DECLARE
                definitions text[];
                definition text;
            BEGIN
                SELECT COALESCE(array_agg(pg_get_indexdef(i.indexrelid)), ARRAY[]::text[]) INTO definitions
                FROM pg_index i WHERE i.indrelid = '{{old}}'::regclass AND NOT i.indisprimary;
                DROP TABLE {{old}};
                FOREACH definition IN ARRAY definitions LOOP
                    EXECUTE replace(definition, '{{old}} USING ', '{{table}} USING ');
                END LOOP;
            END $$;
            """);
        sql.AppendLine($"ALTER TABLE {table} ADD CONSTRAINT pk_{table} PRIMARY KEY ({string.Join(", ", keyColumns)});");
        return sql.ToString();
    }

    /// <summary>The partition of <paramref name="table"/> for <paramref name="period"/>, itself partitioned by kind: a leaf per kind and one for any other.</summary>
    private static string PeriodPartitions(string table, RollupPeriod period)
    {
        var sql = new StringBuilder();
        var periodTable = PeriodTableName(table, period);
        sql.AppendLine($"CREATE TABLE {periodTable} PARTITION OF {table} FOR VALUES IN ({(short)period}) PARTITION BY LIST (kind);");
        foreach (var kind in KindsOf(table))
        {
            sql.AppendLine($"CREATE TABLE {LeafName(table, period, kind)} PARTITION OF {periodTable} FOR VALUES IN ({(short)kind}){LeafStorage};");
        }

        sql.AppendLine($"CREATE TABLE {periodTable}_other PARTITION OF {periodTable} DEFAULT{LeafStorage};");
        return sql.ToString();
    }

    private static string SightingIndex(string name, string column) =>
        $"CREATE INDEX {name} ON {LeafName(RollupSql.Counts, RollupPeriod.Day, RollupDimension.Visitor)} (kind, period, bucket_start, bot, {column}, app);\n";

    private static string SnakeCase(string name) => UpperAfterLower().Replace(name, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex UpperAfterLower();
}
