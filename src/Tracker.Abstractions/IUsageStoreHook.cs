namespace UsageDashboard.Tracker;

/// <summary>
/// Called after a store has written a batch (the original's post-storage <c>hooks</c>).
/// A failing hook is logged and counted; it never affects the store or other hooks.
/// </summary>
public interface IUsageStoreHook
{
    /// <summary>Runs once per store and batch, after <paramref name="store"/> wrote <paramref name="batch"/>.</summary>
    ValueTask OnBatchStoredAsync(IUsageStore store, IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken);
}
