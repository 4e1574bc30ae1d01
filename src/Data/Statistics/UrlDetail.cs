using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Statistics;

/// <summary>The page of one URL.</summary>
/// <param name="Url">The URL shown.</param>
/// <param name="Summary">Its URL-table row; null when it had no requests in the range.</param>
/// <param name="BucketSize">The time bucket of the series.</param>
/// <param name="Latency">Percentiles over time, empty buckets included.</param>
/// <param name="Histogram">Latency histogram from the first to the last non-empty <see cref="LatencyHistogram"/> bucket.</param>
/// <param name="StatusOverTime">Status classes over time, empty buckets included.</param>
/// <param name="TopCountries">Top countries for this URL.</param>
/// <param name="TopBrowsers">Top browsers for this URL.</param>
/// <param name="RecentRequests">Its most recent requests, newest first.</param>
public sealed record UrlDetail(
    UrlKey Url,
    UrlStatistics? Summary,
    TimeSpan BucketSize,
    IReadOnlyList<LatencyPoint> Latency,
    IReadOnlyList<LatencyBucket> Histogram,
    IReadOnlyList<StatusClassPoint> StatusOverTime,
    IReadOnlyList<CountryCount> TopCountries,
    IReadOnlyList<NamedCount> TopBrowsers,
    IReadOnlyList<UsageRecord> RecentRequests);
