using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// PostgreSQL upserts as one statement per table: every column is sent as one array parameter and
/// expanded with <c>unnest</c>, so a batch costs a few round trips however many keys it has. Rows are sorted
/// by key so that instances writing the same buckets concurrently lock rows in the same order.
/// </summary>
internal sealed class PostgreSqlRollupWriter : IRollupWriter
{
    private static readonly string CountInsert =
        $"INSERT INTO {RollupSql.Counts} AS t ({RollupSql.CountColumnList}) "
        + Unnest("smallint", "smallint", "bigint", "text", "text", "smallint", "text", "bigint", "bigint", "bigint", "bigint", "bigint", "bigint",
            "double precision", "double precision", "bigint", "double precision", "bigint", "bigint");

    private static readonly string CountSql = CountInsert + RollupSql.PostgreSql.CountUpsertTail;

    /// <summary>Inserts the rows whose keys are new and returns those keys; leaves the others untouched (and unlocked).</summary>
    private static readonly string CountInsertNewSql =
        $"{CountInsert} ON CONFLICT ({string.Join(", ", RollupSql.CountKeyColumns)}) DO NOTHING RETURNING {string.Join(", ", RollupSql.CountKeyColumns)}";

    private static readonly string LatencySql =
        $"INSERT INTO {RollupSql.Latency} AS t ({RollupSql.LatencyColumnList}) "
        + Unnest(["smallint", "smallint", "bigint", "text", "text", "smallint", "text", "bigint", "bigint", "bigint", "bigint",
            .. Enumerable.Repeat("bigint", RollupHistogram.BucketCount)])
        + RollupSql.PostgreSql.LatencyUpsertTail;

    /// <summary>
    /// <c>SELECT unnest($1::type[]), unnest($2::type[]), ...</c>: one row per array element, the arrays read side by side.
    /// In the select list each <c>unnest</c> hands over one element at a time; <c>FROM unnest($1, $2, ...)</c> would first
    /// copy every array into a tuple store of its own (3 to 5 times slower for 20 000 rows of 19 columns).
    /// </summary>
    private static string Unnest(params string[] types) =>
        "SELECT " + string.Join(", ", types.Select((type, i) => $"unnest(${i + 1}::{type}[])"));

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, RollupRows rows, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        var tx = (NpgsqlTransaction)transaction;
        var (visitors, others) = RollupVisitorTally.Split(rows.Counts);
        if (others.Length > 0)
        {
            await WriteCountsAsync(npgsql, tx, others, CountSql, cancellationToken).ConfigureAwait(false);
        }

        if (visitors.Length > 0)
        {
            // A visitor row this flush inserts is the visitor's first sighting that day. The rows are inserted where new
            // (an insert racing another writer's waits for it to commit, so exactly one of them sees the key as new), and the
            // rest are added to. The RETURNING of a plain upsert cannot tell the two apart on a partitioned table, which
            // has no xmax to return.
            var tally = new RollupVisitorTally();
            var inserted = await WriteCountsAsync(npgsql, tx, visitors, CountInsertNewSql, cancellationToken).ConfigureAwait(false);
            foreach (var key in inserted)
            {
                tally.Created(key.BucketStart, key.App, key.Bot);
            }

            var seen = inserted.Count == 0 ? visitors : Array.FindAll(visitors, r => !inserted.Contains(r.Key));
            if (seen.Length > 0)
            {
                await WriteCountsAsync(npgsql, tx, seen, CountSql, cancellationToken).ConfigureAwait(false);
            }

            var counts = tally.Rows();
            if (counts.Length > 0)
            {
                await WriteCountsAsync(npgsql, tx, counts, CountSql, cancellationToken).ConfigureAwait(false);
            }
        }

        if (rows.Latency.Length > 0)
        {
            await WriteLatencyAsync(npgsql, tx, rows, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="sql"/> over <paramref name="rows"/>; returns the keys it returns (<see cref="CountInsertNewSql"/>).</summary>
    private static async Task<HashSet<RollupKey>> WriteCountsAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, KeyValuePair<RollupKey, RollupSums>[] rows, string sql, CancellationToken ct)
    {
        var n = rows.Length;
        var period = new short[n];
        var kind = new short[n];
        var bucket = new long[n];
        var app = new string[n];
        var grp = new string[n];
        var bot = new short[n];
        var key = new string[n];
        var hits = new long[n];
        var bytes = new long[n];
        var errors = new long[n];
        var clientErrors = new long[n];
        var duration = new long[n];
        var located = new long[n];
        var latSum = new double[n];
        var lonSum = new double[n];
        var west = new long[n];
        var absLonSum = new double[n];
        var firstMs = new long?[n];
        var lastMs = new long?[n];
        for (var i = 0; i < n; i++)
        {
            var (k, v) = rows[i];
            period[i] = (short)k.Period;
            kind[i] = (short)k.Kind;
            bucket[i] = k.BucketStart;
            app[i] = k.App;
            grp[i] = k.Group;
            bot[i] = k.Bot ? (short)1 : (short)0;
            key[i] = k.Key;
            hits[i] = v.Counts.Hits;
            bytes[i] = v.Counts.Bytes;
            errors[i] = v.Counts.Errors;
            clientErrors[i] = v.Counts.ClientErrors;
            duration[i] = v.Counts.DurationSumUs;
            located[i] = v.Located;
            latSum[i] = v.LatitudeSum;
            lonSum[i] = v.LongitudeSum;
            west[i] = v.West;
            absLonSum[i] = v.AbsLongitudeSum;
            if (v.HasSightings)
            {
                firstMs[i] = v.FirstMs;
                lastMs[i] = v.LastMs;
            }
        }

        await using var command = new NpgsqlCommand(sql, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = period, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = kind, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(Longs(bucket));
        command.Parameters.Add(Texts(app));
        command.Parameters.Add(Texts(grp));
        command.Parameters.Add(Shorts(bot));
        command.Parameters.Add(Texts(key));
        command.Parameters.Add(Longs(hits));
        command.Parameters.Add(Longs(bytes));
        command.Parameters.Add(Longs(errors));
        command.Parameters.Add(Longs(clientErrors));
        command.Parameters.Add(Longs(duration));
        command.Parameters.Add(Longs(located));
        command.Parameters.Add(Doubles(latSum));
        command.Parameters.Add(Doubles(lonSum));
        command.Parameters.Add(Longs(west));
        command.Parameters.Add(Doubles(absLonSum));
        command.Parameters.Add(NullableLongs(firstMs));
        command.Parameters.Add(NullableLongs(lastMs));
        var returned = new HashSet<RollupKey>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            returned.Add(new RollupKey((RollupPeriod)reader.GetInt16(0), (RollupDimension)reader.GetInt16(1), reader.GetInt64(2),
                reader.GetString(3), reader.GetString(4), reader.GetInt16(5) == 1, reader.GetString(6)));
        }

        return returned;
    }

    private static async Task WriteLatencyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, RollupRows rows, CancellationToken ct)
    {
        var n = rows.Latency.Length;
        var period = new short[n];
        var kind = new short[n];
        var bucket = new long[n];
        var app = new string[n];
        var grp = new string[n];
        var bot = new short[n];
        var key = new string[n];
        var count = new long[n];
        var sum = new long[n];
        var min = new long[n];
        var max = new long[n];
        var histogram = new long[RollupHistogram.BucketCount][];
        for (var h = 0; h < histogram.Length; h++)
        {
            histogram[h] = new long[n];
        }

        for (var i = 0; i < n; i++)
        {
            var (k, v) = rows.Latency[i];
            period[i] = (short)k.Period;
            kind[i] = (short)k.Kind;
            bucket[i] = k.BucketStart;
            app[i] = k.App;
            grp[i] = k.Group;
            bot[i] = k.Bot ? (short)1 : (short)0;
            key[i] = k.Key;
            count[i] = v.Count;
            sum[i] = v.SumUs;
            min[i] = v.MinUs;
            max[i] = v.MaxUs;
            for (var h = 0; h < histogram.Length; h++)
            {
                histogram[h][i] = v.Histogram[h];
            }
        }

        await using var command = new NpgsqlCommand(LatencySql, connection, tx);
        command.Parameters.Add(Shorts(period));
        command.Parameters.Add(Shorts(kind));
        command.Parameters.Add(Longs(bucket));
        command.Parameters.Add(Texts(app));
        command.Parameters.Add(Texts(grp));
        command.Parameters.Add(Shorts(bot));
        command.Parameters.Add(Texts(key));
        command.Parameters.Add(Longs(count));
        command.Parameters.Add(Longs(sum));
        command.Parameters.Add(Longs(min));
        command.Parameters.Add(Longs(max));
        foreach (var column in histogram)
        {
            command.Parameters.Add(Longs(column));
        }

        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static NpgsqlParameter<short[]> Shorts(short[] values) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint };

    private static NpgsqlParameter<double[]> Doubles(double[] values) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double };

    private static NpgsqlParameter<long[]> Longs(long[] values) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    private static NpgsqlParameter<long?[]> NullableLongs(long?[] values) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    private static NpgsqlParameter<string[]> Texts(string[] values) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
