using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using UsageDashboard.Data.Rollups;

namespace UsageDashboard.Data.Retention;

/// <summary>
/// Deletes expired raw records and rollup buckets in small batches with pauses, each batch its own short
/// transaction, so that the writer is never held up for more than one small delete. On PostgreSQL with a
/// partitioned raw table, whole expired months are dropped first (instant, no dead tuples).
/// </summary>
internal sealed class UsagePurger(IDbContextFactory<UsageDbContext> contextFactory, IOptions<UsageRetentionOptions> options)
{
    /// <summary>Purges everything expired at <paramref name="now"/>; returns the number of rows deleted.</summary>
    public async Task<PurgeResult> PurgeAsync(DateTime now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var batch = Math.Max(1, o.BatchSize);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var postgres = RollupProvider.IsPostgres(context);
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        long raw = 0;
        var droppedPartitions = 0;
        if (o.RawCutoff(now) is { } rawCutoff)
        {
            if (postgres)
            {
                droppedPartitions = (await PostgreSqlPartitioning.DropExpiredPartitionsAsync((NpgsqlConnection)connection, rawCutoff, cancellationToken)
                    .ConfigureAwait(false)).Count;
            }

            var rawSql = $"DELETE FROM {RollupSql.Raw} WHERE id IN (SELECT id FROM {RollupSql.Raw} WHERE date < @cutoff LIMIT {batch})";
            object cutoffValue = postgres ? rawCutoff : RollupBuckets.ToUnixMs(rawCutoff);
            raw = await DeleteInBatchesAsync(connection, rawSql, cutoffValue, batch, o.BatchPause, cancellationToken).ConfigureAwait(false);
        }

        long rollups = 0;
        foreach (var (period, days) in new[] { (RollupPeriod.Base, o.BaseDays), (RollupPeriod.Hour, o.BaseDays), (RollupPeriod.Day, o.DailyDays), (RollupPeriod.Month, o.MonthlyDays) })
        {
            if (days <= 0)
            {
                continue;
            }

            // A bucket expires when it ends at or before the cutoff: start < floor(cutoff).
            var cutoff = RollupBuckets.ToUnixMs(now.AddDays(-days));
            var bucketCutoff = RollupBuckets.Floor(period, cutoff);
            foreach (var sql in RollupDeletes(period, batch, postgres))
            {
                rollups += await DeleteInBatchesAsync(connection, sql, bucketCutoff, batch, o.BatchPause, cancellationToken).ConfigureAwait(false);
            }
        }

        return new PurgeResult(raw, rollups, droppedPartitions);
    }

    /// <summary>The batch deletes of one period's expired rollup rows (<c>bucket_start &lt; @cutoff</c>), one statement per table or leaf.</summary>
    private static IEnumerable<string> RollupDeletes(RollupPeriod period, int batch, bool postgres)
    {
        foreach (var table in (string[])[RollupSql.Counts, RollupSql.Latency])
        {
            if (!postgres)
            {
                // SQLite's rollup tables have no rowid (they are clustered on their key): batches are chosen by key.
                var keyColumns = string.Join(", ", table == RollupSql.Counts ? RollupSql.CountKeyColumns : RollupSql.LatencyKeyColumns);
                yield return $"DELETE FROM {table} WHERE ({keyColumns}) IN "
                    + $"(SELECT {keyColumns} FROM {table} WHERE period = {(short)period} AND bucket_start < @cutoff LIMIT {batch})";
                continue;
            }

            // Batches by ctid, one leaf at a time: a ctid is unique within one partition only, and naming the period and
            // kind as constants prunes both halves of the statement to the same leaf (PostgreSqlRollupPartitioning).
            foreach (var kind in PostgreSqlRollupPartitioning.KindsOf(table))
            {
                var where = $"period = {(short)period} AND kind = {(short)kind}";
                yield return $"DELETE FROM {table} WHERE {where} AND ctid = ANY(ARRAY("
                    + $"SELECT ctid FROM {table} WHERE {where} AND bucket_start < @cutoff LIMIT {batch}))";
            }
        }
    }

    private static async Task<long> DeleteInBatchesAsync(
        DbConnection connection, string sql, object cutoff, int batch, TimeSpan pause, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            int deleted;
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = sql;
                UsageSummaryReader.AddParameter(command, "@cutoff", cutoff);
                deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            total += deleted;
            if (deleted < batch)
            {
                return total;
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>What one purge run removed.</summary>
internal readonly record struct PurgeResult(long RawRows, long RollupRows, int DroppedPartitions);
