namespace UsageDashboard.Tracker;

/// <summary>
/// The one read abstraction every reader uses (the original's <c>get_usage</c>).
/// </summary>
public interface IUsageReader
{
    /// <summary>The largest <c>limit</c> accepted by <see cref="GetUsageAsync"/>.</summary>
    const int MaxLimit = 10_000;

    /// <summary>
    /// Records with <paramref name="start"/> &lt;= date &lt; <paramref name="end"/> (UTC), newest first.
    /// A <paramref name="page"/> below 1 is treated as 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is below 1 or above <see cref="MaxLimit"/>.</exception>
    Task<IReadOnlyList<UsageRecord>> GetUsageAsync(
        DateTime start, DateTime end, int limit = 500, int page = 1, CancellationToken cancellationToken = default);
}
