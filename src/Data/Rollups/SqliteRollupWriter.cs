using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// SQLite upserts as multi-row <c>VALUES</c> statements of a fixed size (prepared once per batch and rebound),
/// plus a one-row statement for the remainder: far fewer statement executions than one per row, while the
/// statement text stays constant so SQLite never re-parses it per chunk.
/// </summary>
internal sealed class SqliteRollupWriter : IRollupWriter
{
    private const int CountChunk = 64;
    private const int LatencyChunk = 16;

    private static readonly string CountSqlChunk = BuildInsert(RollupSql.Counts, RollupSql.CountColumnList, CountColumns, CountChunk, RollupSql.Sqlite.CountUpsertTail);
    private static readonly string CountSqlOne = BuildInsert(RollupSql.Counts, RollupSql.CountColumnList, CountColumns, 1, RollupSql.Sqlite.CountUpsertTail);
    private static readonly string LatencySqlChunk = BuildInsert(RollupSql.Latency, RollupSql.LatencyColumnList, LatencyColumns, LatencyChunk, RollupSql.Sqlite.LatencyUpsertTail);
    private static readonly string LatencySqlOne = BuildInsert(RollupSql.Latency, RollupSql.LatencyColumnList, LatencyColumns, 1, RollupSql.Sqlite.LatencyUpsertTail);

    private static int CountColumns => RollupSql.CountKeyColumns.Length + RollupSql.CountValueColumns.Length;

    private static int LatencyColumns => RollupSql.LatencyKeyColumns.Length + RollupSql.LatencyValueColumns.Length + RollupHistogram.BucketCount;

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, RollupBatch batch, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        var tx = (SqliteTransaction)transaction;
        await WriteRowsAsync(sqlite, tx, batch.Counts.ToArray(), CountSqlChunk, CountSqlOne, CountChunk, CountColumns, BindCount, cancellationToken)
            .ConfigureAwait(false);
        await WriteRowsAsync(sqlite, tx, batch.Latency.ToArray(), LatencySqlChunk, LatencySqlOne, LatencyChunk, LatencyColumns, BindLatency, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task WriteRowsAsync<TKey, TValue>(
        SqliteConnection connection, SqliteTransaction transaction, KeyValuePair<TKey, TValue>[] rows,
        string chunkSql, string oneSql, int chunkSize, int columns,
        Action<SqliteParameterCollection, int, KeyValuePair<TKey, TValue>> bind, CancellationToken cancellationToken)
    {
        var index = 0;
        if (rows.Length >= chunkSize)
        {
            await using var chunk = CreateCommand(connection, transaction, chunkSql, chunkSize * columns);
            for (; index + chunkSize <= rows.Length; index += chunkSize)
            {
                for (var r = 0; r < chunkSize; r++)
                {
                    bind(chunk.Parameters, r * columns, rows[index + r]);
                }

                await chunk.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (index < rows.Length)
        {
            await using var one = CreateCommand(connection, transaction, oneSql, columns);
            for (; index < rows.Length; index++)
            {
                bind(one.Parameters, 0, rows[index]);
                await one.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void BindCount(SqliteParameterCollection p, int o, KeyValuePair<RollupKey, RollupSums> row)
    {
        var (k, v) = (row.Key, row.Value);
        p[o].Value = (long)k.Period;
        p[o + 1].Value = (long)k.Kind;
        p[o + 2].Value = k.BucketStart;
        p[o + 3].Value = k.App;
        p[o + 4].Value = k.Group;
        p[o + 5].Value = k.Key;
        p[o + 6].Value = v.Hits;
        p[o + 7].Value = v.Bytes;
        p[o + 8].Value = v.Errors;
        p[o + 9].Value = v.ClientErrors;
        p[o + 10].Value = v.DurationSumUs;
    }

    private static void BindLatency(SqliteParameterCollection p, int o, KeyValuePair<LatencyKey, LatencySums> row)
    {
        var (k, v) = (row.Key, row.Value);
        p[o].Value = (long)k.Period;
        p[o + 1].Value = k.BucketStart;
        p[o + 2].Value = k.App;
        p[o + 3].Value = k.Group;
        p[o + 4].Value = k.Route;
        p[o + 5].Value = v.Count;
        p[o + 6].Value = v.SumUs;
        p[o + 7].Value = v.MinUs;
        p[o + 8].Value = v.MaxUs;
        for (var i = 0; i < v.Histogram.Length; i++)
        {
            p[o + 9 + i].Value = v.Histogram[i];
        }
    }

    private static SqliteCommand CreateCommand(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            // Positional names ?1, ?2 ... are bound by index without a name lookup.
            command.Parameters.Add(new SqliteParameter("?" + (i + 1).ToString(CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        return command;
    }

    private static string BuildInsert(string table, string columnList, int columns, int rows, string tail)
    {
        var sb = new StringBuilder();
        sb.Append("INSERT INTO ").Append(table).Append(" AS t (").Append(columnList).Append(") VALUES ");
        var n = 1;
        for (var r = 0; r < rows; r++)
        {
            sb.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                sb.Append(c == 0 ? "?" : ", ?").Append(n++.ToString(CultureInfo.InvariantCulture));
            }

            sb.Append(')');
        }

        return sb.Append(tail).ToString();
    }
}
