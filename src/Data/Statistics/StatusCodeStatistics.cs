namespace UsageDashboard.Data.Statistics;

/// <summary>The status codes page.</summary>
/// <param name="BucketSize">The time bucket of <paramref name="Series"/>.</param>
/// <param name="Series">Requests per status class over time, empty buckets included.</param>
/// <param name="Codes">Every status code, most requests first.</param>
public sealed record StatusCodeStatistics(TimeSpan BucketSize, IReadOnlyList<StatusClassPoint> Series, IReadOnlyList<StatusCodeRow> Codes);
