using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Data.Storage;
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
/// <para>The writer only hands a batch over: a loop sums it and a background flush writes the sums
/// (<see cref="RollupFlusher"/>), while the writer stores the next batches. The writer waits only when the loop is
/// 16 batches behind, which happens when the database cannot keep up with the rollups. A zero
/// <see cref="UsageRollupOptions.FlushInterval"/> sums and writes each batch before the hook returns.</para>
/// <para>Each flush runs after the raw rows were committed, in its own transaction: a failure (or a crash before a
/// flush) loses no raw data, and <see cref="RollupRebuilder"/> recomputes the affected range from the raw rows.
/// A failed flush is logged, its sums are written again by the next flush, and the failure is thrown to the writer
/// (which counts it) with a following batch.</para>
/// </remarks>
internal sealed partial class RollupHook : IUsageStoreHook, IAsyncDisposable, IDisposable
{
    private const int HandOffCapacity = 16;

    private readonly RollupFlusher _flusher;
    private readonly IOptions<UsageRollupOptions> _options;
    private readonly ILogger<RollupHook> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ITimer _timer;
    private readonly Channel<RollupHandOff> _handOffs =
        Channel.CreateBounded<RollupHandOff>(new BoundedChannelOptions(HandOffCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Lock _loopStart = new();
    private Task? _loop;
    private int _disposed;

    public RollupHook(
        IDbContextFactory<UsageDbContext> contextFactory, SqliteWriteGate turns, IOptions<UsageRollupOptions> options, TimeProvider time, ILogger<RollupHook> logger)
    {
        _flusher = new RollupFlusher(contextFactory, turns, options, time, logger);
        _options = options;
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

        if (_options.Value.FlushInterval <= TimeSpan.Zero)
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _flusher.Add(batch);
                await _flusher.SettleAsync(writePending: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _lock.Release();
            }

            return;
        }

        EnsureLoop();

        // Copied: the writer reuses its batch list once this call returns.
        await _handOffs.Writer.WriteAsync(new RollupHandOff { Records = [.. batch] }, cancellationToken).ConfigureAwait(false);
        if (_flusher.TakeUnreported() is { } failure)
        {
            throw new InvalidOperationException("Writing usage rollups failed; the sums are written again with the next flush.", failure);
        }
    }

    /// <summary>
    /// At shutdown, once the writer has stored its last batch: the sums still pending (up to a
    /// <see cref="UsageRollupOptions.WideFlushInterval"/> of them) are written now, while the database services work.
    /// </summary>
    public ValueTask OnLastBatchStoredAsync(CancellationToken cancellationToken) => new(FlushAsync(cancellationToken));

    /// <summary>Writes whatever is pending now, including every batch handed over before this call.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => SettleAsync(flush: true, cancellationToken);

    /// <summary>Waits until every batch handed over before this call is summed and the background flush, if any, has finished.</summary>
    internal Task WhenFlushedAsync() => SettleAsync(flush: false, CancellationToken.None);

    /// <summary>For containers disposed synchronously: flushes what is pending, blocking.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        _handOffs.Writer.TryComplete();
        if (Volatile.Read(ref _loop) is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        try
        {
            await SettleDirectlyAsync(flush: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Already logged; disposal must not throw.
        }

        _lock.Dispose();
    }

    private async Task SettleAsync(bool flush, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _loop) is null)
        {
            await SettleDirectlyAsync(flush, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Behind the batches handed over so far, so that they are summed first.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _handOffs.Writer.WriteAsync(new RollupHandOff { Done = done, Flush = flush }, cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SettleDirectlyAsync(bool flush, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _flusher.SettleAsync(flush, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private void EnsureLoop()
    {
        if (Volatile.Read(ref _loop) is not null)
        {
            return;
        }

        lock (_loopStart)
        {
            _loop ??= Task.Run(SumAsync);
        }
    }

    /// <summary>Sums the batches handed over, in order, starting a flush whenever one is due.</summary>
    private async Task SumAsync()
    {
        await foreach (var handOff in _handOffs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await _lock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (handOff.Records is { } records)
                {
                    _flusher.Add(records);
                    await _flusher.StartDueAsync().ConfigureAwait(false);
                }
                else
                {
                    await _flusher.SettleAsync(handOff.Flush, CancellationToken.None).ConfigureAwait(false);
                }

                handOff.Done?.TrySetResult();
            }
            catch (Exception ex)
            {
                // A failed flush was logged by the flusher and is reported to whoever asked for it; the loop goes on.
                if (handOff.Done is null || !handOff.Done.TrySetException(ex))
                {
                    LogSumFailed(_logger, ex);
                }
            }
            finally
            {
                _lock.Release();
            }
        }
    }

    private async Task FlushFromTimerAsync()
    {
        try
        {
            await _lock.WaitAsync().ConfigureAwait(false);
            try
            {
                _flusher.StartFromTimer();
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
    }

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Summing a batch into the usage rollups failed; run 'rollups rebuild' for its range")]
    private static partial void LogSumFailed(ILogger logger, Exception exception);
}
