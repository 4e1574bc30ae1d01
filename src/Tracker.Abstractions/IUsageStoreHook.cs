namespace UsageDashboard.Tracker;

/// <summary>
/// Called after a store has written a batch (the original's post-storage <c>hooks</c>).
/// A failing hook is logged and counted; it never affects the store or other hooks.
/// </summary>
public interface IUsageStoreHook
{
    /// <summary>Runs once per store and batch, after <paramref name="store"/> wrote <paramref name="batch"/>.</summary>
    ValueTask OnBatchStoredAsync(IUsageStore store, IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Runs once when the host stops, after the writer has stored its last batch and while the host's services can still
    /// be used: a hook that holds work back (sums, buffers) finishes it here, since by the time the container disposes
    /// the hook, the services it would write through may already be gone. <paramref name="cancellationToken"/> is the
    /// host's shutdown timeout.
    /// </summary>
    ValueTask OnLastBatchStoredAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
