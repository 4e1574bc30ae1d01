using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// SQLite upserts through one prepared single-row statement per table, bound by position through SQLitePCLRaw
/// and re-stepped per row. Multi-row VALUES statements were measured slower: binding by name is quadratic in
/// the parameter count, and one row per step keeps every step a single b-tree seek.
/// </summary>
internal sealed class SqliteRollupWriter : IRollupWriter
{
    private static readonly string CountSql = BuildInsert(RollupSql.Counts, RollupSql.CountColumnList, 19, RollupSql.Sqlite.CountUpsertTail);
    private static readonly string VisitorInsertSql = BuildInsert(RollupSql.Counts, RollupSql.CountColumnList, 19, " ON CONFLICT DO NOTHING");

    // min() and max() of SQLite return NULL when an argument is NULL: a row whose sightings are unknown stays unknown.
    private static readonly string VisitorUpdateSql =
        $"UPDATE {RollupSql.Counts} SET hits = hits + ?8, bytes = bytes + ?9, errors = errors + ?10, client_errors = client_errors + ?11, "
        + "duration_sum_us = duration_sum_us + ?12, first_ms = min(first_ms, ?18), last_ms = max(last_ms, ?19) "
        + "WHERE period = ?1 AND kind = ?2 AND bucket_start = ?3 AND app = ?4 AND grp = ?5 AND bot = ?6 AND dim_key = ?7";

    private static readonly string LatencySql = BuildInsert(
        RollupSql.Latency, RollupSql.LatencyColumnList, 11 + RollupHistogram.BucketCount, RollupSql.Sqlite.LatencyUpsertTail);

    public Task WriteAsync(DbConnection connection, DbTransaction transaction, RollupRows rows, CancellationToken cancellationToken)
    {
        var db = ((SqliteConnection)connection).Handle!;
        var (visitors, others) = RollupVisitorTally.Split(rows.Counts);
        var statement = Prepare(db, CountSql);
        try
        {
            foreach (var (k, v) in others)
            {
                BindCount(statement, k, v);
                Step(db, statement);
            }

            if (visitors.Length > 0)
            {
                var tally = new RollupVisitorTally();
                WriteVisitors(db, visitors, tally);
                foreach (var (k, v) in tally.Rows())
                {
                    BindCount(statement, k, v);
                    Step(db, statement);
                }
            }
        }
        finally
        {
            raw.sqlite3_finalize(statement);
        }

        statement = Prepare(db, LatencySql);
        try
        {
            foreach (var (k, v) in rows.Latency)
            {
                raw.sqlite3_bind_int64(statement, 1, (long)k.Period);
                raw.sqlite3_bind_int64(statement, 2, (long)k.Kind);
                raw.sqlite3_bind_int64(statement, 3, k.BucketStart);
                raw.sqlite3_bind_text16(statement, 4, k.App.AsSpan());
                raw.sqlite3_bind_text16(statement, 5, k.Group.AsSpan());
                raw.sqlite3_bind_int64(statement, 6, k.Bot ? 1 : 0);
                raw.sqlite3_bind_text16(statement, 7, k.Key.AsSpan());
                raw.sqlite3_bind_int64(statement, 8, v.Count);
                raw.sqlite3_bind_int64(statement, 9, v.SumUs);
                raw.sqlite3_bind_int64(statement, 10, v.MinUs);
                raw.sqlite3_bind_int64(statement, 11, v.MaxUs);
                for (var i = 0; i < v.Histogram.Length; i++)
                {
                    raw.sqlite3_bind_int64(statement, 12 + i, v.Histogram[i]);
                }

                Step(db, statement);
            }
        }
        finally
        {
            raw.sqlite3_finalize(statement);
        }

        return Task.CompletedTask;
    }

    /// <summary>Insert-or-update in two steps, so the insert's change count tells a first sighting from a return.</summary>
    private static void WriteVisitors(sqlite3 db, KeyValuePair<RollupKey, RollupSums>[] visitors, RollupVisitorTally tally)
    {
        var insert = Prepare(db, VisitorInsertSql);
        var update = Prepare(db, VisitorUpdateSql);
        try
        {
            foreach (var (k, v) in visitors)
            {
                BindCount(insert, k, v);
                Step(db, insert);
                if (raw.sqlite3_changes(db) == 1)
                {
                    tally.Created(k.BucketStart, k.App, k.Bot);
                    continue;
                }

                BindCount(update, k, v);
                Step(db, update);
            }
        }
        finally
        {
            raw.sqlite3_finalize(insert);
            raw.sqlite3_finalize(update);
        }
    }

    /// <summary>Binds ?1..?7 (key), ?8..?12 (sums), ?13..?17 (city coordinates) and ?18..?19 (sightings, NULL when none).</summary>
    private static void BindCount(sqlite3_stmt statement, RollupKey k, RollupSums v)
    {
        raw.sqlite3_bind_int64(statement, 1, (long)k.Period);
        raw.sqlite3_bind_int64(statement, 2, (long)k.Kind);
        raw.sqlite3_bind_int64(statement, 3, k.BucketStart);
        raw.sqlite3_bind_text16(statement, 4, k.App.AsSpan());
        raw.sqlite3_bind_text16(statement, 5, k.Group.AsSpan());
        raw.sqlite3_bind_int64(statement, 6, k.Bot ? 1 : 0);
        raw.sqlite3_bind_text16(statement, 7, k.Key.AsSpan());
        raw.sqlite3_bind_int64(statement, 8, v.Counts.Hits);
        raw.sqlite3_bind_int64(statement, 9, v.Counts.Bytes);
        raw.sqlite3_bind_int64(statement, 10, v.Counts.Errors);
        raw.sqlite3_bind_int64(statement, 11, v.Counts.ClientErrors);
        raw.sqlite3_bind_int64(statement, 12, v.Counts.DurationSumUs);
        raw.sqlite3_bind_int64(statement, 13, v.Located);
        raw.sqlite3_bind_double(statement, 14, v.LatitudeSum);
        raw.sqlite3_bind_double(statement, 15, v.LongitudeSum);
        raw.sqlite3_bind_int64(statement, 16, v.West);
        raw.sqlite3_bind_double(statement, 17, v.AbsLongitudeSum);
        if (v.HasSightings)
        {
            raw.sqlite3_bind_int64(statement, 18, v.FirstMs);
            raw.sqlite3_bind_int64(statement, 19, v.LastMs);
        }
        else
        {
            raw.sqlite3_bind_null(statement, 18);
            raw.sqlite3_bind_null(statement, 19);
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return statement;
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static string BuildInsert(string table, string columnList, int columns, string tail)
    {
        var sb = new StringBuilder();
        sb.Append("INSERT INTO ").Append(table).Append(" AS t (").Append(columnList).Append(") VALUES (");
        for (var c = 1; c <= columns; c++)
        {
            sb.Append(c == 1 ? "?" : ", ?").Append(c.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(')').Append(tail).ToString();
    }
}
