namespace UsageDashboard.Data.Statistics;

/// <summary>Latency percentiles of one time bucket.</summary>
/// <param name="Start">Bucket start, UTC.</param>
/// <param name="Requests">Requests in the bucket.</param>
/// <param name="P50LatencyMs">Median (ms); null for an empty bucket.</param>
/// <param name="P95LatencyMs">95th percentile (ms); null for an empty bucket.</param>
/// <param name="P99LatencyMs">99th percentile (ms); null for an empty bucket.</param>
public sealed record LatencyPoint(DateTime Start, long Requests, double? P50LatencyMs, double? P95LatencyMs, double? P99LatencyMs);
