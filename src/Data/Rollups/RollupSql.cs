using System.Globalization;
using System.Text;
using UsageDashboard.Data.Configuration;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Data.Statistics.Sql;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// SQL text of the rollup tables for one provider. Both providers run the same statements except for a few
/// functions (<c>min</c>/<c>LEAST</c>, month truncation, how raw <c>date</c> becomes Unix milliseconds).
/// </summary>
internal sealed class RollupSql
{
    public const string Counts = UsageRollupConfiguration.Table;
    public const string Latency = UsageLatencyRollupConfiguration.Table;
    public const string Raw = UsageRecordConfiguration.Table;

    public static readonly string[] CountKeyColumns = ["period", "kind", "bucket_start", "app", "grp", "bot", "dim_key"];
    public static readonly string[] CountValueColumns =
        ["hits", "bytes", "errors", "client_errors", "duration_sum_us", "located", "lat_sum", "lon_sum", "west", "abs_lon_sum"];
    /// <summary>
    /// A visitor row's earliest and latest request time (Unix ms; see <see cref="RollupSums.FirstMs"/>). NULL on other
    /// kinds, and on visitor rows written before they were kept: NULL means unknown and stays so when a row is added to.
    /// </summary>
    public static readonly string[] SightingColumns = ["first_ms", "last_ms"];
    public static readonly string[] LatencyKeyColumns = ["period", "kind", "bucket_start", "app", "grp", "bot", "dim_key"];
    public static readonly string[] LatencyValueColumns = ["count", "sum_us", "min_us", "max_us"];

    /// <summary>
    /// The <see cref="RollupDimension.Total"/> latency rows of every period, summed from the route rows (which partition
    /// the requests). Run once, by the migration that introduced total rows, over rollups written before it.
    /// </summary>
    public static readonly string TotalLatencyFromRoutes =
        $"INSERT INTO {Latency} ({LatencyColumnList}) "
        + $"SELECT period, {(short)RollupDimension.Total}, bucket_start, app, grp, bot, '', SUM(count), SUM(sum_us), MIN(min_us), MAX(max_us), "
        + string.Join(", ", RollupHistogram.AllColumns.Select(c => $"SUM({c})"))
        + $" FROM {Latency} WHERE kind = {(short)RollupDimension.Route} GROUP BY period, bucket_start, app, grp, bot";

    public static readonly RollupSql Sqlite = new(postgres: false);
    public static readonly RollupSql PostgreSql = new(postgres: true);

    private RollupSql(bool postgres)
    {
        IsPostgres = postgres;
        CountUpsertTail = $" ON CONFLICT ({string.Join(", ", CountKeyColumns)}) DO UPDATE SET "
            + string.Join(", ", CountValueColumns.Select(c => $"{c} = t.{c} + excluded.{c}"))
            + $", first_ms = {KeepUnknown("first_ms", Least)}, last_ms = {KeepUnknown("last_ms", Greatest)}";
        var latencySets = new List<string>
        {
            "count = t.count + excluded.count",
            "sum_us = t.sum_us + excluded.sum_us",
            $"min_us = {Least}(t.min_us, excluded.min_us)",
            $"max_us = {Greatest}(t.max_us, excluded.max_us)",
        };
        latencySets.AddRange(RollupHistogram.AllColumns.Select(c => $"{c} = t.{c} + excluded.{c}"));
        LatencyUpsertTail = $" ON CONFLICT ({string.Join(", ", LatencyKeyColumns)}) DO UPDATE SET " + string.Join(", ", latencySets);
    }

    public bool IsPostgres { get; }

    /// <summary>
    /// The sum of a histogram count column. PostgreSQL sums a bigint into a numeric, whose state and result it allocates for
    /// every group and column: summing 2 000 rows into 1 000 keys took about 28 ms, nearly all of it in those numerics. A
    /// double is exact for counts below 2^53 and is summed in place.
    /// </summary>
    public string HistogramSum(string column) => IsPostgres ? $"SUM({column}::float8)" : $"SUM({column})";

    /// <summary>The statistics dialect of the same provider.</summary>
    public SqlDialect Dialect => IsPostgres ? SqlDialect.PostgreSql : SqlDialect.Sqlite;

    /// <summary>Columns h0..h61 of one row of <see cref="RawWithBucket"/>: 1 in the column of its latency bucket, 0 elsewhere.</summary>
    public static readonly string RawHistogramColumns =
        string.Join(", ", RollupHistogram.AllColumns.Select((c, i) => $"CASE WHEN hb = {i} THEN 1 ELSE 0 END AS {c}"));

    private static readonly string RawLatencyBucket = LatencyHistogram.SqlBucketExpression("speed");

    /// <summary>
    /// Raw rows matching <paramref name="where"/> as a FROM subquery (alias <c>r</c>) of <paramref name="columns"/> and
    /// their latency bucket <c>hb</c>, kept whole (<see cref="SqlDialect.KeepSubquery"/>) so that the bucket is computed
    /// once per row however many outer columns test it.
    /// </summary>
    public string RawWithBucket(string columns, string where) =>
        $"(SELECT {columns}, {RawLatencyBucket} AS hb FROM {Raw} WHERE {where}{Dialect.KeepSubquery}) r";

    /// <summary><c>dim_key</c> compared bytewise, as the per-path indexes order it (collation "C" on PostgreSQL).</summary>
    public string KeyBytewise => IsPostgres ? "dim_key COLLATE \"C\"" : "dim_key";

    public static string CountColumnList => string.Join(", ", CountKeyColumns.Concat(CountValueColumns).Concat(SightingColumns));

    /// <summary>No sightings, in a SELECT that feeds <see cref="CountColumnList"/> (typed, as PostgreSQL requires).</summary>
    public const string NoSightings = "CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)";

    public static string LatencyColumnList => string.Join(", ", LatencyKeyColumns.Concat(LatencyValueColumns).Concat(RollupHistogram.AllColumns));

    /// <summary><c>ON CONFLICT ... DO UPDATE</c> that adds the new sums to the stored ones (target aliased <c>t</c>).</summary>
    public string CountUpsertTail { get; }

    /// <summary>As <see cref="CountUpsertTail"/>, for latency rows: adds counts and histograms, keeps min and max.</summary>
    public string LatencyUpsertTail { get; }

    /// <summary><c>pick(t.column, excluded.column)</c>, or NULL when either is unknown (PostgreSQL's LEAST would skip a NULL).</summary>
    private static string KeepUnknown(string column, string pick) =>
        $"CASE WHEN t.{column} IS NULL OR excluded.{column} IS NULL THEN NULL ELSE {pick}(t.{column}, excluded.{column}) END";

    public string Least => IsPostgres ? "LEAST" : "min";

    public string Greatest => IsPostgres ? "GREATEST" : "max";

    /// <summary>The raw <c>date</c> column as UTC Unix milliseconds.</summary>
    public string RawDateMs => IsPostgres ? "(extract(epoch from date) * 1000)::bigint" : "date";

    /// <summary>A raw record whose coordinates can place its city (as <see cref="RollupBatch"/> decides).</summary>
    public static string Located =>
        "city IS NOT NULL AND city <> '' AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180";

    /// <summary>The raw <c>speed</c> (seconds) in whole microseconds, rounded half away from zero.</summary>

    public string RawDurationUs => IsPostgres ? "round((speed * 1000000)::numeric)::bigint" : "CAST(ROUND(speed * 1000000) AS INTEGER)";

    public static string FloorMs(string msExpression, long size) =>
        $"(({msExpression}) / {size.ToString(CultureInfo.InvariantCulture)}) * {size.ToString(CultureInfo.InvariantCulture)}";

    public string MonthFloorMs(string msExpression) => IsPostgres
        ? $"(extract(epoch from date_trunc('month', to_timestamp(({msExpression}) / 1000) AT TIME ZONE 'UTC')) * 1000)::bigint"
        : $"CAST(strftime('%s', ({msExpression}) / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000";

    public string PeriodFloorMs(RollupPeriod period, string msExpression) => period switch
    {
        RollupPeriod.Base => FloorMs(msExpression, RollupBuckets.BaseMs),
        RollupPeriod.Hour => FloorMs(msExpression, RollupBuckets.HourMs),
        RollupPeriod.Day => FloorMs(msExpression, RollupBuckets.DayMs),
        _ => MonthFloorMs(msExpression),
    };

    /// <summary>The SQL twin of <see cref="RollupBatch"/>'s key for <paramref name="kind"/> over raw columns.</summary>
    public string RawKey(RollupDimension kind) => kind switch
    {
        RollupDimension.Total => "''",
        RollupDimension.Route => "COALESCE(route, path)",
        RollupDimension.Path => "path",
        RollupDimension.Remote => "COALESCE(remote_addr, '')",
        RollupDimension.Browser => "COALESCE(browser, '')",
        RollupDimension.BrowserVersion =>
            "CASE WHEN browser_version IS NULL OR browser_version = '' THEN COALESCE(browser, '') "
            + "ELSE COALESCE(browser, '') || ' ' || " + Major("browser_version") + " END",
        RollupDimension.Platform => "COALESCE(platform, '')",
        RollupDimension.Language => "COALESCE(language, '')",
        RollupDimension.Country => "COALESCE(country_code, '')",
        RollupDimension.Status => "CAST(status AS TEXT)",
        RollupDimension.Visitor => "COALESCE(visitor_id, remote_addr)",
        RollupDimension.Device => "COALESCE(device, '')",
        RollupDimension.BrowserRelease => Pair("COALESCE(browser, '')", "COALESCE(browser_version, '')"),
        RollupDimension.PlatformRelease => Pair("COALESCE(platform, '')", "COALESCE(os_version, '')"),
        RollupDimension.RouteStatus => Pair("COALESCE(route, path)", "CAST(status AS TEXT)"),
        RollupDimension.RouteCountry => Pair("COALESCE(route, path)", "COALESCE(country_code, '')"),
        RollupDimension.RouteBrowser => Pair("COALESCE(route, path)", "COALESCE(browser, '')"),
        RollupDimension.City => Pair("COALESCE(country_code, '')", "COALESCE(city, '')"),
        RollupDimension.PathStatus => Pair("path", "CAST(status AS TEXT)"),
        RollupDimension.PathCountry => Pair("path", "COALESCE(country_code, '')"),
        RollupDimension.PathBrowser => Pair("path", "COALESCE(browser, '')"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary><c>first TAB second</c>, the SQL twin of <see cref="RollupBatch.Pair"/>.</summary>
    public string Pair(string first, string second) => IsPostgres
        ? $"{first} || chr(9) || {second}"
        : $"{first} || char(9) || {second}";

    /// <summary>The raw <c>is_bot</c> column as the rollups' 0/1 <c>bot</c> key.</summary>
    public static string RawBot => "CASE WHEN is_bot THEN 1 ELSE 0 END";

    private string Major(string column) => IsPostgres
        ? $"split_part({column}, '.', 1)"
        : $"CASE WHEN instr({column}, '.') > 0 THEN substr({column}, 1, instr({column}, '.') - 1) ELSE {column} END";

    /// <summary>Rebuild of one dimension's base (or, for visitors, day) buckets from raw rows in [@from, @to).</summary>
    public string RebuildCountsFromRaw(RollupPeriod period, RollupDimension kind)
    {
        var key = RawKey(kind);
        var bucket = PeriodFloorMs(period, RawDateMs);
        var group = RollupBatch.IsGroupless(kind) ? "''" : "COALESCE(blueprint, '')";
        var visitorFilter = kind == RollupDimension.Visitor ? $" AND {key} IS NOT NULL AND {key} <> ''" : "";
        var geo = kind == RollupDimension.City
            ? $"SUM(CASE WHEN {Located} THEN 1 ELSE 0 END), COALESCE(SUM(CASE WHEN {Located} THEN latitude END), 0), "
                + $"COALESCE(SUM(CASE WHEN {Located} THEN longitude END), 0), SUM(CASE WHEN {Located} AND longitude < 0 THEN 1 ELSE 0 END), "
                + $"COALESCE(SUM(CASE WHEN {Located} THEN abs(longitude) END), 0)"
            : "0, 0, 0, 0, 0";
        var sightings = kind == RollupDimension.Visitor ? $"MIN({RawDateMs}), MAX({RawDateMs})" : NoSightings;
        return $"INSERT INTO {Counts} AS t ({CountColumnList}) "
            + $"SELECT {(short)period}, {(short)kind}, {bucket}, COALESCE(server_name, ''), {group}, {RawBot}, {key}, "
            + "COUNT(*), COALESCE(SUM(content_length), 0), "
            + "SUM(CASE WHEN status >= 500 THEN 1 ELSE 0 END), SUM(CASE WHEN status >= 400 AND status < 500 THEN 1 ELSE 0 END), "
            + $"COALESCE(SUM({RawDurationUs}), 0), {geo}, {sightings} "
            + $"FROM {Raw} WHERE date >= @from AND date < @to{visitorFilter} GROUP BY 3, 4, 5, 6, 7"
            + CountUpsertTail;
    }

    /// <summary>Rebuild of base latency rows of <paramref name="kind"/> (route or path) from raw rows in [@from, @to).</summary>
    public string RebuildLatencyFromRaw(RollupDimension kind)
    {
        var sb = new StringBuilder();
        sb.Append("INSERT INTO ").Append(Latency).Append(" AS t (").Append(LatencyColumnList).Append(") SELECT ")
            .Append((short)RollupPeriod.Base).Append(", ").Append((short)kind).Append(", b, app, grp, bot, k, COUNT(*), SUM(us), MIN(us), MAX(us)");
        for (var i = 0; i < RollupHistogram.BucketCount; i++)
        {
            sb.Append(", SUM(CASE WHEN hb = ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" THEN 1 ELSE 0 END)");
        }

        sb.Append(" FROM ").Append(RawWithBucket(
                $"{PeriodFloorMs(RollupPeriod.Base, RawDateMs)} AS b, COALESCE(server_name, '') AS app, COALESCE(blueprint, '') AS grp, "
                + $"{RawBot} AS bot, {RawKey(kind)} AS k, {RawDurationUs} AS us",
                "date >= @from AND date < @to"))
            .Append(" GROUP BY b, app, grp, bot, k")
            .Append(LatencyUpsertTail);
        return sb.ToString();
    }

    /// <summary>
    /// Hour, day or month rows summed from base rows with bucket_start in [@from, @to): of every kind but visitors, and for
    /// hours of the kinds kept per hour (<see cref="RollupBatch.IsKeptPerHour"/>).
    /// </summary>
    public string RebuildCountsFromBase(RollupPeriod period) =>
        CountsFromBase(period, "bucket_start >= @from AND bucket_start < @to") + CountUpsertTail;

    /// <summary>
    /// Hour rows of <paramref name="kinds"/> summed from every base row, for a table that has none of them yet: the kinds a
    /// migration names, as the writer kept them from then on (not <see cref="RollupBatch.IsKeptPerHour"/>, which a later
    /// migration may widen).
    /// </summary>
    public string AddCountHoursFromBase(params RollupDimension[] kinds) =>
        CountsFromBase(RollupPeriod.Hour, "1 = 1", UsageRollupConfiguration.KindsFilter(kinds));

    private string CountsFromBase(RollupPeriod period, string range, string? hourKinds = null)
    {
        var kinds = period == RollupPeriod.Hour ? hourKinds ?? KeptPerHour : $"kind <> {(short)RollupDimension.Visitor}";
        return $"INSERT INTO {Counts} AS t ({CountColumnList}) "
            + $"SELECT {(short)period}, kind, {PeriodFloorMs(period, "bucket_start")}, app, grp, bot, dim_key, "
            + string.Join(", ", CountValueColumns.Select(c => $"SUM({c})")) + $", {NoSightings} "
            + $"FROM {Counts} WHERE period = {(short)RollupPeriod.Base} AND {kinds} AND {range} "
            // In key order: a PostgreSQL heap keeps rows in the order they are written, and reads scan a leaf by time.
            + "GROUP BY kind, 3, app, grp, bot, dim_key ORDER BY kind, 3, app, grp, bot, dim_key";
    }

    /// <summary>
    /// <see cref="RollupDimension.VisitorCount"/> rows of a period from the day rows in [@from, @to): for days, the
    /// number of visitor rows; for months, the sum of the days' counts.
    /// </summary>
    public string RebuildVisitorCounts(RollupPeriod period)
    {
        var zeros = string.Join(", ", CountValueColumns.Skip(1).Select(_ => "0"));
        var (source, count) = period == RollupPeriod.Day ? (RollupDimension.Visitor, "COUNT(*)") : (RollupDimension.VisitorCount, "SUM(hits)");
        return $"INSERT INTO {Counts} AS t ({CountColumnList}) "
            + $"SELECT {(short)period}, {(short)RollupDimension.VisitorCount}, {PeriodFloorMs(period, "bucket_start")}, app, '', bot, '', {count}, {zeros}, {NoSightings} "
            + $"FROM {Counts} WHERE period = {(short)RollupPeriod.Day} AND kind = {(short)source} AND bucket_start >= @from AND bucket_start < @to "
            + "GROUP BY 3, app, bot"
            + CountUpsertTail;
    }

    /// <summary>
    /// Hour, day or month latency rows summed from base latency rows with bucket_start in [@from, @to); hours of the kinds
    /// kept per hour only.
    /// </summary>
    public string RebuildLatencyFromBase(RollupPeriod period) =>
        LatencyFromBase(period, "bucket_start >= @from AND bucket_start < @to") + LatencyUpsertTail;

    /// <summary>Hour latency rows of <paramref name="kinds"/> summed from every base latency row, as <see cref="AddCountHoursFromBase"/>.</summary>
    public string AddLatencyHoursFromBase(params RollupDimension[] kinds) =>
        LatencyFromBase(RollupPeriod.Hour, "1 = 1", UsageRollupConfiguration.KindsFilter(kinds));

    /// <summary>The statements that remove the hour rows of <paramref name="kinds"/> from both tables: the undoing of a migration's <see cref="AddCountHoursFromBase"/>.</summary>
    public static IEnumerable<string> DeleteHours(params RollupDimension[] kinds) =>
        new[] { Counts, Latency }.Select(table =>
            $"DELETE FROM {table} WHERE period = {(short)RollupPeriod.Hour} AND {UsageRollupConfiguration.KindsFilter(kinds)}");

    /// <summary>The kinds kept per hour (<see cref="RollupBatch.IsKeptPerHour"/>), as a condition on <c>kind</c>.</summary>
    private static readonly string KeptPerHour =
        UsageRollupConfiguration.KindsFilter(Enum.GetValues<RollupDimension>().Where(RollupBatch.IsKeptPerHour).ToArray());

    private string LatencyFromBase(RollupPeriod period, string range, string? hourKinds = null) =>
        $"INSERT INTO {Latency} AS t ({LatencyColumnList}) "
        + $"SELECT {(short)period}, kind, {PeriodFloorMs(period, "bucket_start")}, app, grp, bot, dim_key, SUM(count), SUM(sum_us), MIN(min_us), MAX(max_us), "
        + string.Join(", ", RollupHistogram.AllColumns.Select(c => $"SUM({c})"))
        + $" FROM {Latency} WHERE period = {(short)RollupPeriod.Base} AND {range}{(period == RollupPeriod.Hour ? $" AND {hourKinds ?? KeptPerHour}" : "")} "
        // In key order: a PostgreSQL heap keeps rows in the order they are written, and reads scan a leaf by time.
        + "GROUP BY kind, 3, app, grp, bot, dim_key ORDER BY kind, 3, app, grp, bot, dim_key";
}
