using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace UsageDashboard.Data.Statistics.Sql;

/// <summary>
/// The only provider-specific SQL of the statistics queries. Everything else is plain SQL that SQLite and
/// PostgreSQL evaluate identically (integer arithmetic, CASE, GROUP BY, window functions).
/// </summary>
internal sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(isSqlite: true);
    public static readonly SqlDialect PostgreSql = new(isSqlite: false);

    private SqlDialect(bool isSqlite) => IsSqlite = isSqlite;

    public bool IsSqlite { get; }

    public static SqlDialect For(DatabaseFacade database) => database.IsSqlite() ? Sqlite : PostgreSql;

    /// <summary>A timestamp as stored: Unix milliseconds on SQLite (see UsageRecordConfiguration), timestamptz on PostgreSQL.</summary>
    public object DateValue(DateTime utc) =>
        IsSqlite ? (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond : utc;

    /// <summary>The 0-based index (since the epoch) of the time bucket of <c>date</c>, as a 64-bit integer.</summary>
    public string TimeBucketIndex(long bucketMilliseconds) => IsSqlite
        ? $"(date / {bucketMilliseconds})"
        : $"CAST(floor(EXTRACT(EPOCH FROM date) * 1000 / {bucketMilliseconds}) AS bigint)";

    /// <summary>A case-sensitive substring test (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).</summary>
    public string Contains(string column, string parameter) => IsSqlite
        ? $"instr({column}, {parameter}) > 0"
        : $"strpos({column}, {parameter}) > 0";

    /// <summary>Byte-order collation so text sorts the same on both (SQLite's default BINARY equals PostgreSQL's "C" for UTF-8).</summary>
    public string Ordinal(string expression) => IsSqlite ? expression : $"{expression} COLLATE \"C\"";

    /// <summary>
    /// Ends a FROM subquery so that the planner keeps it whole instead of merging it into the outer query. A merge
    /// copies the subquery's expression into every outer expression that names its column: the 62 histogram columns
    /// of a latency sum (<c>CASE WHEN hb = i</c>) would each evaluate the nested bucket CASE again for every row, and
    /// PostgreSQL would plan all the copies (hundreds of milliseconds per statement). Neither planner merges a
    /// subquery with an OFFSET, and an offset of 0 changes no result.
    /// </summary>
    public string KeepSubquery => IsSqlite ? " LIMIT -1 OFFSET 0" : " OFFSET 0";
}
