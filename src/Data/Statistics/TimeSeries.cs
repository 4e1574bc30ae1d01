namespace UsageDashboard.Data.Statistics;

/// <summary>Requests and latency over time, one point per bucket, empty buckets included (zero requests).</summary>
/// <param name="BucketSize">The bucket length (see <see cref="TimeBuckets.Choose"/>).</param>
/// <param name="Points">Every bucket from the one containing the filter's start to the one containing its end.</param>
public sealed record TimeSeries(TimeSpan BucketSize, IReadOnlyList<TimeSeriesPoint> Points);
