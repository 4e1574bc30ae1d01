using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Data.Storage;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The rollup sums waiting in memory and their flushes: the narrow part (written every
/// <see cref="UsageRollupOptions.FlushInterval"/> or <see cref="UsageRollupOptions.MaxPendingRecords"/>) and the wide part
/// (every <see cref="UsageRollupOptions.WideFlushInterval"/> or <see cref="UsageRollupOptions.MaxPendingWideKeys"/>).
/// Not thread-safe: <see cref="RollupHook"/> calls it under its lock.
/// </summary>
/// <remarks>
/// A due flush runs in the background, at most one at a time, so that one instance's upserts stay in order (the visitor
/// tally depends on it) while more records are summed. Parts a flush failed to write are written again, first, by the
/// next one, until the database has stayed unreachable for ten times the pending bounds; then they are dropped, and
/// <see cref="RollupRebuilder"/> restores them from the raw rows (the logged failure says so).
/// </remarks>
internal sealed partial class RollupFlusher(
    IDbContextFactory<UsageDbContext> contextFactory, SqliteWriteGate turns, IOptions<UsageRollupOptions> options, TimeProvider time, ILogger logger)
{
    private static readonly Task<RollupFailedFlush?> NoFlush = Task.FromResult<RollupFailedFlush?>(null);

    private readonly List<RollupBatch> _retry = [];
    private RollupBatch _narrow = new(RollupBatchPart.Narrow);
    private RollupBatch _wide = new(RollupBatchPart.Wide);
    private long _narrowSince;
    private long _wideSince;
    private Task<RollupFailedFlush?> _flushing = NoFlush;
    private Exception? _unreported;
    private RollupKeyText? _keyText;

    public void Add(IReadOnlyList<UsageRecord> records)
    {
        if (_narrow.RecordCount == 0)
        {
            _narrowSince = time.GetTimestamp();
        }

        if (_wide.RecordCount == 0)
        {
            _wideSince = time.GetTimestamp();
        }

        // Once for both parts.
        records = (_keyText ??= RollupKeyText.For(contextFactory)).Storable(records);
        _narrow.AddRange(records);
        _wide.AddRange(records);
    }

    /// <summary>Starts a background flush of the parts that are due, unless one is running; waits for that one only when the sums have grown to twice their bounds.</summary>
    public async Task StartDueAsync()
    {
        Collect();
        var (narrow, wide) = Due();
        if (!narrow && !wide)
        {
            return;
        }

        if (!_flushing.IsCompleted && Overdue())
        {
            // The database falls behind: hold the writer (and so the queue) rather than memory without bound.
            await _flushing.ConfigureAwait(false);
            Collect();
        }

        if (_flushing.IsCompleted)
        {
            Start(narrow, wide);
        }
    }

    /// <summary>On each tick of the flush interval: whatever narrow sums are pending are due now.</summary>
    public void StartFromTimer()
    {
        Collect();
        if (_flushing.IsCompleted)
        {
            Start(narrow: _narrow.RecordCount > 0, Due().Wide);
        }
    }

    /// <summary>
    /// Waits for the background flush, if any, and with <paramref name="writePending"/> then writes every pending part,
    /// keeping them for the next flush if that fails.
    /// </summary>
    public async Task SettleAsync(bool writePending, CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        Collect();
        var parts = writePending ? TakeParts(narrow: _narrow.RecordCount > 0, wide: _wide.RecordCount > 0) : [];
        if (parts.Count == 0)
        {
            return;
        }

        try
        {
            await WriteAsync(contextFactory, parts, cancellationToken, turns).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (ex is not OperationCanceledException)
            {
                LogFailed(logger, parts.Max(p => p.RecordCount), ex);
            }

            Retry(parts);
            throw;
        }
    }

    /// <summary>The failure of a background flush not yet reported to the writer, if any (once).</summary>
    public Exception? TakeUnreported() => Interlocked.Exchange(ref _unreported, null);

    /// <summary>Upserts the parts' rows in one transaction (on SQLite, in turn with this process's other <paramref name="turns"/>).</summary>
    public static async Task WriteAsync(
        IDbContextFactory<UsageDbContext> contextFactory, IReadOnlyList<RollupBatch> parts, CancellationToken cancellationToken, SqliteWriteGate? turns = null)
    {
        // Expanded first, outside the transaction and the turn.
        var rows = parts.Select(p => p.Expand()).ToList();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var writer = RollupProvider.Writer(context);
        var connection = context.Database.GetDbConnection();
        var turn = context.Database.IsSqlite() ? turns : null;
        if (turn is not null)
        {
            await turn.EnterAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var part in rows)
            {
                await writer.WriteAsync(connection, transaction, part, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            turn?.Exit();
        }
    }

    private (bool Narrow, bool Wide) Due()
    {
        var o = options.Value;
        var narrow = _narrow.RecordCount > 0
            && (_narrow.RecordCount >= o.MaxPendingRecords || time.GetElapsedTime(_narrowSince) >= o.FlushInterval);
        var wide = _wide.RecordCount > 0
            && (_wide.KeyCount >= o.MaxPendingWideKeys || time.GetElapsedTime(_wideSince) >= Max(o.WideFlushInterval, o.FlushInterval));
        return (narrow, wide);
    }

    private bool Overdue()
    {
        var o = options.Value;
        return _narrow.RecordCount >= 2L * o.MaxPendingRecords || _wide.KeyCount >= 2L * o.MaxPendingWideKeys;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Takes up the outcome of a finished background flush: its parts are retried, its failure reported.</summary>
    private void Collect()
    {
        if (!_flushing.IsCompleted)
        {
            return;
        }

        if (_flushing.Result is { } failed)
        {
            Retry(failed.Parts);
            Volatile.Write(ref _unreported, failed.Error);
        }

        _flushing = NoFlush;
    }

    /// <summary>Starts a background flush of the due parts, after the parts an earlier flush failed to write.</summary>
    private void Start(bool narrow, bool wide)
    {
        var parts = TakeParts(narrow, wide);
        if (parts.Count > 0)
        {
            _flushing = Task.Run(() => WriteInBackgroundAsync(parts));
        }
    }

    private async Task<RollupFailedFlush?> WriteInBackgroundAsync(List<RollupBatch> parts)
    {
        try
        {
            await WriteAsync(contextFactory, parts, CancellationToken.None, turns).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            LogFailed(logger, parts.Max(p => p.RecordCount), ex);
            return new RollupFailedFlush(parts, ex);
        }
    }

    private List<RollupBatch> TakeParts(bool narrow, bool wide)
    {
        var parts = new List<RollupBatch>(_retry.Count + 2);
        parts.AddRange(_retry);
        _retry.Clear();
        if (narrow)
        {
            parts.Add(_narrow);
            _narrow = new RollupBatch(RollupBatchPart.Narrow);
        }

        if (wide)
        {
            parts.Add(_wide);
            _wide = new RollupBatch(RollupBatchPart.Wide);
        }

        return parts;
    }

    /// <summary>Keeps <paramref name="parts"/> for the next flush, unless the database has stayed unreachable for long.</summary>
    private void Retry(List<RollupBatch> parts)
    {
        _retry.AddRange(parts);
        var o = options.Value;
        if (_retry.Where(p => p.Part == RollupBatchPart.Narrow).Sum(p => (long)p.RecordCount) >= 10L * o.MaxPendingRecords)
        {
            _retry.RemoveAll(p => p.Part == RollupBatchPart.Narrow);
        }

        if (_retry.Where(p => p.Part == RollupBatchPart.Wide).Sum(p => (long)p.KeyCount) >= 10L * o.MaxPendingWideKeys)
        {
            _retry.RemoveAll(p => p.Part == RollupBatchPart.Wide);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error,
        Message = "Updating usage rollups failed for {Count} records; raw records are stored, run 'rollups rebuild' for the range")]
    private static partial void LogFailed(ILogger logger, int count, Exception exception);
}
