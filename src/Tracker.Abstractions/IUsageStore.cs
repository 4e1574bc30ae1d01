namespace UsageDashboard.Tracker;

/// <summary>
/// A destination for usage records (the original's storage list). Every registered store receives
/// every batch; one store failing affects neither the others nor any request.
/// </summary>
public interface IUsageStore
{
    /// <summary>A short name used in logs and metrics.</summary>
    string Name { get; }

    /// <summary>Writes one batch. Called from the background writer only, never concurrently.</summary>
    ValueTask StoreAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken);
}
