using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsageDashboard.Data.Retention;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Recomputes the rollups of a range from the raw records (after an import, a fix, or a failed hook):
/// deletes the range's buckets, then aggregates again in SQL (<c>INSERT ... SELECT ... GROUP BY</c>).
/// Running it twice gives the same rows.
/// </summary>
/// <remarks>
/// <para>15-minute buckets are summed from raw rows; days and months are summed from the 15-minute buckets
/// (which nest exactly in UTC days and months), and visitor days from raw rows. Whole buckets are always
/// rebuilt, so the range is widened to the enclosing months where the raw rows still cover them.</para>
/// <para>Buckets reaching back past the raw retention horizon keep their current values: their raw rows may
/// already be purged, and a rebuild would then wipe history that exists only in rollups.</para>
/// <para>Run it for closed ranges or while ingest is paused: a record stored while the rebuild runs can be
/// counted by both the rebuild and the live hook.</para>
/// </remarks>
public sealed class RollupRebuilder
{
    private readonly IDbContextFactory<UsageDbContext> _contextFactory;
    private readonly IOptions<UsageRetentionOptions> _retention;
    private readonly TimeProvider _time;
    private readonly Lazy<RollupKeyText> _keyText;

    /// <summary>Creates the rebuilder.</summary>
    public RollupRebuilder(IDbContextFactory<UsageDbContext> contextFactory, IOptions<UsageRetentionOptions> retention, TimeProvider time)
    {
        _contextFactory = contextFactory;
        _retention = retention;
        _time = time;
        _keyText = new Lazy<RollupKeyText>(() => RollupKeyText.For(contextFactory));
    }

    /// <summary>Rebuilds the buckets touching [<paramref name="from"/>, <paramref name="to"/>) (UTC; defaults: all raw data, now).</summary>
    public async Task<RollupRebuildResult> RebuildAsync(DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var now = _time.GetUtcNow().UtcDateTime;
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var sql = RollupProvider.Sql(context);
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        var earliest = await UsageDataCoverage.EarliestRawAsync(context, cancellationToken).ConfigureAwait(false);
        var toMs = RollupBuckets.ToUnixMs(to ?? now);
        if (earliest is null)
        {
            return Empty(stopwatch);
        }

        var lower = Math.Max(RollupBuckets.ToUnixMs(earliest.Value), from is null ? long.MinValue : RollupBuckets.ToUnixMs(from.Value));
        if (lower >= toMs)
        {
            return Empty(stopwatch);
        }

        var cutoff = _retention.Value.RawCutoff(now);
        var horizon = cutoff is null ? long.MinValue : RollupBuckets.ToUnixMs(cutoff.Value);
        var windowStart = WindowStart(lower, horizon);

        var baseTo = RollupBuckets.Ceiling(RollupPeriod.Base, toMs);
        var hourFrom = RollupBuckets.Ceiling(RollupPeriod.Hour, windowStart);
        var hourTo = Math.Max(hourFrom, RollupBuckets.Ceiling(RollupPeriod.Hour, toMs));
        var dayFrom = RollupBuckets.Ceiling(RollupPeriod.Day, windowStart);
        var dayTo = Math.Max(dayFrom, RollupBuckets.Ceiling(RollupPeriod.Day, toMs));
        var monthFrom = RollupBuckets.Ceiling(RollupPeriod.Month, windowStart);
        var monthTo = Math.Max(monthFrom, RollupBuckets.Ceiling(RollupPeriod.Month, toMs));

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var run = new Runner(connection, transaction, sql, cancellationToken);
            await run.DeleteAsync(RollupPeriod.Base, windowStart, baseTo).ConfigureAwait(false);
            foreach (var kind in Enum.GetValues<RollupDimension>())
            {
                if (!RollupBatch.IsDayOnly(kind) && kind != RollupDimension.VisitorCount)
                {
                    await run.ExecuteRawAsync(sql.RebuildCountsFromRaw(RollupPeriod.Base, kind), windowStart, baseTo).ConfigureAwait(false);
                }
            }

            await run.ExecuteRawAsync(sql.RebuildLatencyFromRaw(RollupDimension.Total), windowStart, baseTo).ConfigureAwait(false);
            await run.ExecuteRawAsync(sql.RebuildLatencyFromRaw(RollupDimension.Route), windowStart, baseTo).ConfigureAwait(false);
            await run.ExecuteRawAsync(sql.RebuildLatencyFromRaw(RollupDimension.Path), windowStart, baseTo).ConfigureAwait(false);

            // Like days, an hour the window starts inside keeps its row.
            if (hourFrom < hourTo)
            {
                await run.DeleteAsync(RollupPeriod.Hour, hourFrom, hourTo).ConfigureAwait(false);
                await run.ExecuteAsync(sql.RebuildCountsFromBase(RollupPeriod.Hour), hourFrom, hourTo).ConfigureAwait(false);
                await run.ExecuteAsync(sql.RebuildLatencyFromBase(RollupPeriod.Hour), hourFrom, hourTo).ConfigureAwait(false);
            }

            foreach (var (period, periodFrom, periodTo) in new[] { (RollupPeriod.Day, dayFrom, dayTo), (RollupPeriod.Month, monthFrom, monthTo) })
            {
                if (periodFrom >= periodTo)
                {
                    continue;
                }

                await run.DeleteAsync(period, periodFrom, periodTo).ConfigureAwait(false);
                await run.ExecuteAsync(sql.RebuildCountsFromBase(period), periodFrom, periodTo).ConfigureAwait(false);
                await run.ExecuteAsync(sql.RebuildLatencyFromBase(period), periodFrom, periodTo).ConfigureAwait(false);
                if (period == RollupPeriod.Day)
                {
                    foreach (var kind in Enum.GetValues<RollupDimension>().Where(RollupBatch.IsDayOnly))
                    {
                        await run.ExecuteRawAsync(sql.RebuildCountsFromRaw(RollupPeriod.Day, kind), periodFrom, periodTo).ConfigureAwait(false);
                    }
                }

                // Month counts sum the month's day counts: those the day pass has just rebuilt and those outside its range.
                await run.ExecuteAsync(sql.RebuildVisitorCounts(period), periodFrom, periodTo).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new RollupRebuildResult(
            RollupBuckets.FromUnixMs(windowStart), RollupBuckets.FromUnixMs(baseTo),
            RollupBuckets.FromUnixMs(dayFrom), RollupBuckets.FromUnixMs(dayTo),
            RollupBuckets.FromUnixMs(monthFrom), RollupBuckets.FromUnixMs(monthTo),
            stopwatch.Elapsed);
    }

    /// <summary>
    /// Sums records that reached the raw table without the tracker's writer (an import, demo data) into the rollups,
    /// exactly as the tracker's hook would: summed in memory, then upserted in one transaction. Far cheaper than
    /// <see cref="RebuildAsync"/>, which re-reads every raw row; call it once per record, for records added since the
    /// rollups were last built (a record added twice is counted twice).
    /// </summary>
    /// <param name="records">Records already stored in <c>usage_records</c>; a chunk of tens of thousands keeps memory small.</param>
    /// <param name="cancellationToken">Cancels before the upsert commits.</param>
    public Task AddAsync(IReadOnlyList<Tracker.UsageRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var narrow = new RollupBatch(RollupBatchPart.Narrow);
        var wide = new RollupBatch(RollupBatchPart.Wide);
        // The caller's own objects may hold text the raw table stored cleaned.
        records = _keyText.Value.Storable(records);
        narrow.AddRange(records);
        wide.AddRange(records);
        return RollupFlusher.WriteAsync(_contextFactory, [narrow, wide], cancellationToken);
    }

    /// <summary>
    /// The earliest bucket start from which raw rows are known complete: the enclosing month, day or 15 minutes
    /// of <paramref name="lower"/>, whichever is widest without reaching back before the purge horizon
    /// (nothing at or after the horizon was ever purged).
    /// </summary>
    internal static long WindowStart(long lower, long horizon)
    {
        foreach (var period in (ReadOnlySpan<RollupPeriod>)[RollupPeriod.Month, RollupPeriod.Day, RollupPeriod.Base])
        {
            var floor = RollupBuckets.Floor(period, lower);
            if (floor >= horizon)
            {
                return floor;
            }
        }

        return RollupBuckets.Ceiling(RollupPeriod.Base, lower);
    }

    private static RollupRebuildResult Empty(Stopwatch stopwatch) =>
        new(DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch, DateTime.UnixEpoch, stopwatch.Elapsed);

    private sealed class Runner(DbConnection connection, DbTransaction transaction, RollupSql sql, CancellationToken cancellationToken)
    {
        public async Task DeleteAsync(RollupPeriod period, long from, long to)
        {
            await ExecuteAsync($"DELETE FROM {RollupSql.Counts} WHERE period = {(short)period} AND bucket_start >= @from AND bucket_start < @to", from, to)
                .ConfigureAwait(false);
            await ExecuteAsync($"DELETE FROM {RollupSql.Latency} WHERE period = {(short)period} AND bucket_start >= @from AND bucket_start < @to", from, to)
                .ConfigureAwait(false);
        }

        /// <summary>Runs a statement whose @from/@to compare with bucket starts (Unix ms on both providers).</summary>
        public Task ExecuteAsync(string text, long from, long to) => RunAsync(text, from, to);

        /// <summary>Runs a statement whose @from/@to compare with the raw <c>date</c> column.</summary>
        public Task ExecuteRawAsync(string text, long from, long to) => sql.IsPostgres
            ? RunAsync(text, RollupBuckets.FromUnixMs(from), RollupBuckets.FromUnixMs(to))
            : RunAsync(text, from, to);

        private async Task RunAsync(string text, object from, object to)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            command.CommandTimeout = 3600;
            UsageSummaryReader.AddParameter(command, "@from", from);
            UsageSummaryReader.AddParameter(command, "@to", to);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
