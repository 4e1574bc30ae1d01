using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Enrichment;

namespace UsageDashboard.Tracker.Buffering;

/// <summary>
/// Drains the queue in batches (by size, or after the flush interval), runs the enrichment steps,
/// leaves out discarded records and hands each batch to every store, then to the hooks of each store
/// that succeeded. One failing step, store or hook is logged and counted and affects nothing else. A store
/// failing for a reason that passes (<see cref="TransientStoreFailure"/>) gets the batch again after a pause.
/// </summary>
/// <remarks>
/// Shutdown: the host stops the web server (which finishes in-flight requests) before
/// <see cref="StoppedAsync"/> runs, so the queue is completed and drained only then; records of the
/// last requests are written too. The batch lists are reused: stores and hooks must copy what they
/// keep after their call returns.
/// </remarks>
internal sealed partial class UsageWriter : BackgroundService, IHostedLifecycleService
{
    /// <summary>How often the writer looks whether a partial batch has filled while it waits (see <see cref="WaitToFillAsync"/>).</summary>
    private static readonly TimeSpan FullBatchLook = TimeSpan.FromMilliseconds(25);

    private readonly UsageQueue _queue;
    private readonly IUsageEnricher[] _enrichers;
    private readonly IUsageStore[] _stores;
    private readonly IUsageStoreHook[] _hooks;
    private readonly IOptionsMonitor<UsageTrackingOptions> _options;
    private readonly UsageTrackingMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<UsageWriter> _logger;
    private readonly List<CapturedRequest> _batch;
    private readonly List<UsageRecord> _records;
    private readonly TaskCompletionSource _draining = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort = new();

    public UsageWriter(
        UsageQueue queue,
        IEnumerable<IUsageEnricher> enrichers,
        IEnumerable<IUsageStore> stores,
        IEnumerable<IUsageStoreHook> hooks,
        IOptionsMonitor<UsageTrackingOptions> options,
        UsageTrackingMetrics metrics,
        TimeProvider time,
        ILogger<UsageWriter> logger)
    {
        _queue = queue;
        _enrichers = [.. enrichers];
        _stores = [.. stores];
        _hooks = [.. hooks];
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        var size = BatchSizeOf(options.CurrentValue);
        _batch = new List<CapturedRequest>(size);
        _records = new List<UsageRecord>(size);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_stores.Length == 0)
        {
            LogNoStores(_logger);
        }

        return base.StartAsync(cancellationToken);
    }

    // The loop keeps running through StopAsync so that requests finishing during shutdown are recorded.
    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        _draining.TrySetResult();
        var loop = ExecuteTask;
        if (loop is null)
        {
            return;
        }

        try
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout expired: give up on what is left.
            await _abort.CancelAsync().ConfigureAwait(false);
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var token = _abort.Token;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                var options = _options.CurrentValue;
                var size = BatchSizeOf(options);
                Fill(size);
                if (_batch.Count < size && !_draining.Task.IsCompleted)
                {
                    // Give a partial batch the flush interval to fill: fewer, larger writes.
                    await WaitToFillAsync(size, options.FlushInterval, token).ConfigureAwait(false);
                    Fill(size);
                }

                try
                {
                    await WriteBatchAsync(token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // Stores, steps and hooks are guarded one by one; this is the last line that keeps
                    // an unexpected failure from faulting the writer (which would stop the host).
                    LogBatchFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            LogAbandoned(_logger, _batch.Count + _queue.Count);
            return;
        }

        await FinishHooksAsync(token).ConfigureAwait(false);
    }

    /// <summary>The queue is drained and closed: hooks finish what they hold back while the host's services still work.</summary>
    private async Task FinishHooksAsync(CancellationToken token)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                await hook.OnLastBatchStoredAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _metrics.HookFailed(hook.GetType().Name);
                LogHookFinishFailed(_logger, hook.GetType().Name, ex);
            }
        }
    }

    /// <summary>
    /// Waits until the queue holds the rest of a batch of <paramref name="size"/>, the flush interval has passed, or the
    /// host is stopping. The queue is looked at every <see cref="FullBatchLook"/>: under heavy load a batch goes as soon as it
    /// is full instead of after the whole interval, so records wait less, fewer of them outlive a collection of the
    /// youngest objects (which the host's garbage collector then copies), and the writer works in smaller, more even
    /// bursts.
    /// </summary>
    private async Task WaitToFillAsync(int size, TimeSpan interval, CancellationToken token)
    {
        var started = _time.GetTimestamp();
        var look = interval < FullBatchLook ? interval : FullBatchLook;
        while (_batch.Count + _queue.Count < size)
        {
            var left = interval - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.WhenAny(Task.Delay(look < left ? look : left, _time, token), _draining.Task).ConfigureAwait(false);
            token.ThrowIfCancellationRequested();
            if (_draining.Task.IsCompleted)
            {
                return;
            }
        }
    }

    private static int BatchSizeOf(UsageTrackingOptions options) => Math.Max(1, options.BatchSize ?? UsageTrackingOptions.SqliteBatchSize);

    private void Fill(int size)
    {
        var reader = _queue.Reader;
        while (_batch.Count < size && reader.TryRead(out var item))
        {
            _batch.Add(item);
        }
    }

    internal async Task WriteBatchAsync(CancellationToken token)
    {
        try
        {
            ComposeRequestLines();

            foreach (var enricher in _enrichers)
            {
                try
                {
                    await enricher.EnrichAsync(_batch, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    _metrics.EnricherFailed(enricher.GetType().Name);
                    LogEnricherFailed(_logger, enricher.GetType().Name, _batch.Count, ex);
                }
            }

            var discarded = 0;
            foreach (var captured in _batch)
            {
                if (captured.Discard)
                {
                    discarded++;
                    continue;
                }

                UsageRecordTruncation.Apply(captured.Record);
                _records.Add(captured.Record);
            }

            if (discarded > 0)
            {
                _metrics.Discarded(discarded);
            }

            if (_records.Count > 0)
            {
                foreach (var store in _stores)
                {
                    await StoreAsync(store, token).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _batch.Clear();
            _records.Clear();
        }
    }

    /// <summary>
    /// The texts of each captured request line, composed once per run of records with equal lines. A record handed over
    /// without a line keeps the texts its maker set.
    /// </summary>
    private void ComposeRequestLines()
    {
        var lines = new PreviousLookup<RequestLine, RequestLineText>(static line => line.Compose());
        foreach (var captured in _batch)
        {
            if (captured.Line is { } line)
            {
                var text = lines.Get(line);
                var record = captured.Record;
                record.Url = text.Url;
                record.Request = text.Request;
                record.UrlArgs = text.UrlArgs;
            }
        }
    }

    private async Task StoreAsync(IUsageStore store, CancellationToken token)
    {
        if (!await TryStoreAsync(store, token).ConfigureAwait(false))
        {
            return;
        }

        _metrics.Stored(store.Name, _records.Count);
        foreach (var hook in _hooks)
        {
            try
            {
                await hook.OnBatchStoredAsync(store, _records, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                _metrics.HookFailed(hook.GetType().Name);
                LogHookFailed(_logger, hook.GetType().Name, store.Name, ex);
            }
        }
    }

    /// <summary>
    /// Hands the batch to <paramref name="store"/>, and again after a pause while it fails for a reason that passes; false
    /// once it has failed for good (counted and logged).
    /// </summary>
    private async Task<bool> TryStoreAsync(IUsageStore store, CancellationToken token)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.StoreAsync(_records, token).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (!token.IsCancellationRequested && TransientStoreFailure.Is(ex) && waited < TransientStoreFailure.Budget)
            {
                var pause = TransientStoreFailure.PauseAfter(attempt);
                _metrics.StoreRetried(store.Name);
                LogStoreRetrying(_logger, store.Name, _records.Count, pause.TotalSeconds, ex);
                await Task.Delay(pause, _time, token).ConfigureAwait(false);
                waited += pause;
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                _metrics.StoreFailed(store.Name);
                LogStoreFailed(_logger, store.Name, _records.Count, ex);
                return false;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Usage store '{Store}' failed to write a batch of {Count} record(s); the other stores are unaffected.")]
    private static partial void LogStoreFailed(ILogger logger, string store, int count, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Usage store '{Store}' could not write a batch of {Count} record(s) for a reason that passes (the database unreachable or restarting); trying again in {Seconds} s.")]
    private static partial void LogStoreRetrying(ILogger logger, string store, int count, double seconds, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "Usage enrichment step '{Enricher}' failed on a batch of {Count} record(s); the batch is stored without it.")]
    private static partial void LogEnricherFailed(ILogger logger, string enricher, int count, Exception exception);

    [LoggerMessage(3, LogLevel.Error, "Usage hook '{Hook}' failed after store '{Store}' wrote a batch.")]
    private static partial void LogHookFailed(ILogger logger, string hook, string store, Exception exception);

    [LoggerMessage(7, LogLevel.Error, "Usage hook '{Hook}' failed to finish its work when the writer stopped.")]
    private static partial void LogHookFinishFailed(ILogger logger, string hook, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Usage writer stopped before the queue was drained: {Count} record(s) were not written.")]
    private static partial void LogAbandoned(ILogger logger, int count);

    [LoggerMessage(6, LogLevel.Error, "Writing a usage batch failed unexpectedly; the batch was not stored.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Usage tracking has no store registered: records are captured but written nowhere.")]
    private static partial void LogNoStores(ILogger logger);
}
