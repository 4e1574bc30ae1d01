using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Keeps the rollup tables current: batches written by the database store are summed in memory per bucket
/// and key, and the sums are upserted in one transaction at most every <see cref="UsageRollupOptions.FlushInterval"/>
/// (or when <see cref="UsageRollupOptions.MaxPendingRecords"/> are pending, or at shutdown). Remote addresses and
/// visitors, about one key per client, are summed for <see cref="UsageRollupOptions.WideFlushInterval"/> instead, so a
/// returning client costs one upsert row per window rather than one per flush. Other stores (e.g. the logger store)
/// are ignored, so a batch is counted once however many stores there are.
/// </summary>
/// <remarks>
/// The upsert runs after the raw rows were committed, in its own transaction: a failure (or a crash before a
/// flush) loses no raw data, and <see cref="RollupRebuilder"/> recomputes the affected range from the raw rows.
/// A failed flush is logged and thrown to the writer, which counts it.
/// </remarks>
internal sealed partial class RollupHook : IUsageStoreHook, IAsyncDisposable, IDisposable
{
    private readonly IDbContextFactory<UsageDbContext> _contextFactory;
    private readonly IOptions<UsageRollupOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RollupHook> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ITimer _timer;
    private RollupBatch _narrow = new(RollupBatchPart.Narrow);
    private RollupBatch _wide = new(RollupBatchPart.Wide);
    private long _narrowSince;
    private long _wideSince;
    private int _disposed;

    public RollupHook(IDbContextFactory<UsageDbContext> contextFactory, IOptions<UsageRollupOptions> options, TimeProvider time, ILogger<RollupHook> logger)
    {
        _contextFactory = contextFactory;
        _options = options;
        _time = time;
        _logger = logger;
        var interval = options.Value.FlushInterval;
        _timer = time.CreateTimer(_ => _ = FlushFromTimerAsync(), null,
            interval > TimeSpan.Zero ? interval : Timeout.InfiniteTimeSpan, interval > TimeSpan.Zero ? interval : Timeout.InfiniteTimeSpan);
    }

    public async ValueTask OnBatchStoredAsync(IUsageStore store, IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0 || !RollupStores.IsDatabaseStore(store) || !_options.Value.Enabled)
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_narrow.RecordCount == 0)
            {
                _narrowSince = _time.GetTimestamp();
            }

            if (_wide.RecordCount == 0)
            {
                _wideSince = _time.GetTimestamp();
            }

            // Summed now: the writer reuses its batch lists after this call returns.
            _narrow.AddRange(batch);
            _wide.AddRange(batch);
            var (narrow, wide) = Due();
            if (narrow || wide)
            {
                await FlushLockedAsync(narrow, wide, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Writes whatever is pending now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushLockedAsync(narrow: true, wide: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>For containers disposed synchronously: flushes what is pending, blocking.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Already logged; disposal must not throw.
        }

        _lock.Dispose();
    }

    private (bool Narrow, bool Wide) Due()
    {
        var o = _options.Value;
        if (o.FlushInterval <= TimeSpan.Zero)
        {
            return (_narrow.RecordCount > 0, _wide.RecordCount > 0);
        }

        var narrow = _narrow.RecordCount > 0
            && (_narrow.RecordCount >= o.MaxPendingRecords || _time.GetElapsedTime(_narrowSince) >= o.FlushInterval);
        var wide = _wide.RecordCount > 0
            && (_wide.KeyCount >= o.MaxPendingWideKeys || _time.GetElapsedTime(_wideSince) >= Max(o.WideFlushInterval, o.FlushInterval));
        return (narrow, wide);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task FlushFromTimerAsync()
    {
        try
        {
            await _lock.WaitAsync().ConfigureAwait(false);
            try
            {
                // The timer's period is the flush interval: whatever narrow sums are pending are due now.
                var (_, wide) = Due();
                await FlushLockedAsync(narrow: true, wide, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                _lock.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // The timer fired while the hook was being disposed; disposal flushes.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged in FlushLockedAsync; the sums stay pending for the next attempt.
        }
    }

    private async Task FlushLockedAsync(bool narrow, bool wide, CancellationToken cancellationToken)
    {
        narrow &= _narrow.RecordCount > 0;
        wide &= _wide.RecordCount > 0;
        if (!narrow && !wide)
        {
            return;
        }

        var parts = new List<RollupBatch>(2);
        if (narrow) parts.Add(_narrow);
        if (wide) parts.Add(_wide);
        try
        {
            await WriteAsync(parts, cancellationToken).ConfigureAwait(false);
            if (narrow) _narrow = new RollupBatch(RollupBatchPart.Narrow);
            if (wide) _wide = new RollupBatch(RollupBatchPart.Wide);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(_logger, parts.Max(p => p.RecordCount), ex);
            var o = _options.Value;

            // The database stays unreachable: stop growing; a rebuild restores these sums from raw rows.
            if (_narrow.RecordCount >= 10 * o.MaxPendingRecords)
            {
                _narrow = new RollupBatch(RollupBatchPart.Narrow);
            }

            if (_wide.KeyCount >= 10 * o.MaxPendingWideKeys)
            {
                _wide = new RollupBatch(RollupBatchPart.Wide);
            }

            throw;
        }
    }

    internal Task WriteAsync(IReadOnlyList<RollupBatch> parts, CancellationToken cancellationToken) =>
        WriteAsync(_contextFactory, parts, cancellationToken);

    /// <summary>Upserts the parts' rows in one transaction.</summary>
    internal static async Task WriteAsync(IDbContextFactory<UsageDbContext> contextFactory, IReadOnlyList<RollupBatch> parts, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var writer = RollupProvider.Writer(context);
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var part in parts)
            {
                await writer.WriteAsync(connection, transaction, part.Expand(), cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error,
        Message = "Updating usage rollups failed for {Count} records; raw records are stored, run 'rollups rebuild' for the range")]
    private static partial void LogFailed(ILogger logger, int count, Exception exception);
}
