using Microsoft.Extensions.Logging;

namespace UsageDashboard.Tracker.Enrichment.Visitors;

/// <summary>
/// The daily salts as the writer needs them: read once per day per instance and kept in memory, old days
/// deleted from the store when a new day starts. A store failure leaves ids empty for a while (retried
/// after a pause), never the record.
/// </summary>
internal sealed partial class VisitorSalts(IVisitorSaltStore store, TimeProvider time, ILogger<VisitorSalts> logger) : IDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly Dictionary<DateOnly, byte[]> _cache = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>The salt of <paramref name="day"/>; null while the store cannot be reached.</summary>
    public async ValueTask<byte[]?> GetAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cache.TryGetValue(day, out var salt))
            {
                return salt;
            }
            if (time.GetUtcNow() < _retryAt)
            {
                return null;
            }
            try
            {
                salt = await store.GetOrCreateAsync(day, cancellationToken).ConfigureAwait(false);
                _cache[day] = salt;
                if (_cache.Keys.Max() == day)
                {
                    // A new day: rotate. Yesterday's salt stays for requests still arriving from before midnight.
                    var oldest = day.AddDays(-1);
                    foreach (var old in _cache.Keys.Where(d => d < oldest).ToList())
                    {
                        _cache.Remove(old);
                    }
                    await store.DeleteBeforeAsync(oldest, cancellationToken).ConfigureAwait(false);
                }
                return salt;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _retryAt = time.GetUtcNow() + RetryAfterFailure;
                LogStoreFailed(logger, RetryAfterFailure, e);
                return _cache.GetValueOrDefault(day);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Visitor salts cannot be read or stored; visitor ids are left empty for {Pause}.")]
    private static partial void LogStoreFailed(ILogger logger, TimeSpan pause, Exception exception);
}
