namespace UsageDashboard.Data.Statistics;

/// <summary>One bucket of the overview time series.</summary>
/// <param name="Start">Bucket start, UTC.</param>
/// <param name="Requests">Requests in the bucket.</param>
/// <param name="ServerErrors">Requests with status 500 or above.</param>
/// <param name="MedianLatencyMs">Median latency (ms); null for an empty bucket.</param>
/// <param name="P95LatencyMs">95th percentile latency (ms); null for an empty bucket.</param>
public sealed record TimeSeriesPoint(DateTime Start, long Requests, long ServerErrors, double? MedianLatencyMs, double? P95LatencyMs);
