using System.Diagnostics.Metrics;

namespace UsageDashboard.Tracker.Buffering;

/// <summary>
/// The tracker's counters, published on the <c>UsageDashboard.Tracker</c> meter and kept as plain
/// totals for <see cref="Snapshot"/>. Store counts are per record; failure counts are per batch.
/// </summary>
internal sealed class UsageTrackingMetrics
{
    public const string MeterName = "UsageDashboard.Tracker";

    private readonly Counter<long> _captured;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _storeFailures;
    private readonly Counter<long> _storeRetries;
    private readonly Counter<long> _enricherFailures;
    private readonly Counter<long> _hookFailures;
    private readonly Counter<long> _discarded;
    private readonly Counter<long> _captureFailures;

    private long _capturedTotal;
    private long _droppedTotal;
    private long _storedTotal;
    private long _storeFailuresTotal;
    private long _storeRetriesTotal;
    private long _enricherFailuresTotal;
    private long _hookFailuresTotal;
    private long _discardedTotal;
    private long _captureFailuresTotal;

    public UsageTrackingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _captured = meter.CreateCounter<long>("usage.records.captured", "{record}", "Requests captured and queued for writing.");
        _dropped = meter.CreateCounter<long>("usage.records.dropped", "{record}", "Requests not recorded because the queue was full.");
        _stored = meter.CreateCounter<long>("usage.records.stored", "{record}", "Records written, per store.");
        _storeFailures = meter.CreateCounter<long>("usage.store.failures", "{batch}", "Batches a store failed to write.");
        _storeRetries = meter.CreateCounter<long>("usage.store.retries", "{batch}", "Batches given to a store again after it failed for a reason that passes.");
        _enricherFailures = meter.CreateCounter<long>("usage.enricher.failures", "{batch}", "Batches an enrichment step failed on.");
        _hookFailures = meter.CreateCounter<long>("usage.hook.failures", "{batch}", "Post-storage hook calls that failed.");
        _discarded = meter.CreateCounter<long>("usage.records.discarded", "{record}", "Records an enrichment step chose not to store.");
        _captureFailures = meter.CreateCounter<long>("usage.capture.failures", "{request}", "Requests whose capture failed unexpectedly.");
    }

    public void Captured()
    {
        Interlocked.Increment(ref _capturedTotal);
        _captured.Add(1);
    }

    public void Dropped()
    {
        Interlocked.Increment(ref _droppedTotal);
        _dropped.Add(1);
    }

    public void Stored(string store, int count)
    {
        Interlocked.Add(ref _storedTotal, count);
        _stored.Add(count, new KeyValuePair<string, object?>("store", store));
    }

    public void StoreFailed(string store)
    {
        Interlocked.Increment(ref _storeFailuresTotal);
        _storeFailures.Add(1, new KeyValuePair<string, object?>("store", store));
    }

    public void StoreRetried(string store)
    {
        Interlocked.Increment(ref _storeRetriesTotal);
        _storeRetries.Add(1, new KeyValuePair<string, object?>("store", store));
    }

    public void EnricherFailed(string enricher)
    {
        Interlocked.Increment(ref _enricherFailuresTotal);
        _enricherFailures.Add(1, new KeyValuePair<string, object?>("enricher", enricher));
    }

    public void HookFailed(string hook)
    {
        Interlocked.Increment(ref _hookFailuresTotal);
        _hookFailures.Add(1, new KeyValuePair<string, object?>("hook", hook));
    }

    public void Discarded(int count)
    {
        Interlocked.Add(ref _discardedTotal, count);
        _discarded.Add(count);
    }

    public void CaptureFailed()
    {
        Interlocked.Increment(ref _captureFailuresTotal);
        _captureFailures.Add(1);
    }

    public UsageTrackingCounters Snapshot() => new(
        Interlocked.Read(ref _capturedTotal),
        Interlocked.Read(ref _droppedTotal),
        Interlocked.Read(ref _storedTotal),
        Interlocked.Read(ref _storeFailuresTotal),
        Interlocked.Read(ref _storeRetriesTotal),
        Interlocked.Read(ref _enricherFailuresTotal),
        Interlocked.Read(ref _hookFailuresTotal),
        Interlocked.Read(ref _discardedTotal),
        Interlocked.Read(ref _captureFailuresTotal));
}
