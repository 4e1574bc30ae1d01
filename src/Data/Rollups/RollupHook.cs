using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Keeps the rollup tables current: batches written by the database store are summed in memory per bucket
/// and key, and the sums are upserted in one transaction at most every <see cref="UsageRollupOptions.FlushInterval"/>
/// (or when <see cref="UsageRollupOptions.MaxPendingRecords"/> are pending, or at shutdown). Other stores (e.g. the
/// logger store) are ignored, so a batch is counted once however many stores there are.
/// </summary>
/// <remarks>
/// The upsert runs after the raw rows were committed, in its own transaction: a failure (or a crash before a
/// flush) loses no raw data, and <see cref="RollupRebuilder"/> recomputes the affected range from the raw rows.
/// A failed flush is logged and thrown to the writer, which counts it.
/// </remarks>
internal sealed partial class RollupHook : IUsageStoreHook, IAsyncDisposable
{
    private readonly IDbContextFactory<UsageDbContext> _contextFactory;
    private readonly IOptions<UsageRollupOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RollupHook> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ITimer _timer;
    private RollupBatch _pending = new();
    private long _pendingSince;

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
        if (batch.Count == 0 || !RollupStores.IsDatabaseStore(store))
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pending.RecordCount == 0)
            {
                _pendingSince = _time.GetTimestamp();
            }

            // Summed now: the writer reuses its batch lists after this call returns.
            _pending.AddRange(batch);
            var o = _options.Value;
            if (o.FlushInterval <= TimeSpan.Zero || _pending.RecordCount >= o.MaxPendingRecords || _time.GetElapsedTime(_pendingSince) >= o.FlushInterval)
            {
                await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
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
            await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
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

    private async Task FlushFromTimerAsync()
    {
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged in FlushLockedAsync; the sums stay pending for the next attempt.
        }
    }

    private async Task FlushLockedAsync(CancellationToken cancellationToken)
    {
        if (_pending.RecordCount == 0)
        {
            return;
        }

        var batch = _pending;
        try
        {
            await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            _pending = new RollupBatch();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(_logger, batch.RecordCount, ex);
            if (batch.RecordCount >= 10 * _options.Value.MaxPendingRecords)
            {
                // The database stays unreachable: stop growing; a rebuild restores these sums from raw rows.
                _pending = new RollupBatch();
            }

            throw;
        }
    }

    internal async Task WriteAsync(RollupBatch batch, CancellationToken cancellationToken)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var writer = RollupProvider.Writer(context);
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
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
