namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The original's summary read API (Flask-Track-Usage's <c>get_sum</c>), served from the rollup tables:
/// hits and transfer per key and hour, day or month.
/// </summary>
public interface IUsageSummaryReader
{
    /// <summary>The largest <c>limit</c> accepted.</summary>
    const int MaxLimit = 10_000;

    /// <summary>
    /// Rows of the buckets that start in [floor(<paramref name="start"/>), <paramref name="end"/>) (UTC), newest bucket
    /// first, then most hits first. A <paramref name="page"/> below 1 is treated as 1.
    /// </summary>
    /// <param name="kind">What the rows are keyed by.</param>
    /// <param name="period">Bucket size.</param>
    /// <param name="start">Range start, UTC.</param>
    /// <param name="end">Range end (exclusive), UTC.</param>
    /// <param name="limit">Rows per page, 1-<see cref="MaxLimit"/>.</param>
    /// <param name="page">1-based page.</param>
    /// <param name="target">Only this key, when given.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>, or visitors by hour were asked for.</exception>
    Task<IReadOnlyList<UsageSummaryRow>> GetSummaryAsync(
        SummaryKind kind, SummaryPeriod period, DateTime start, DateTime end, int limit = 500, int page = 1,
        string? target = null, CancellationToken cancellationToken = default);
}
