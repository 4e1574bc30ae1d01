namespace UsageDashboard.Data.Statistics;

/// <summary>One bar of a latency histogram.</summary>
/// <param name="LowerMs">Inclusive lower bound in milliseconds.</param>
/// <param name="UpperMs">Exclusive upper bound in milliseconds (<see cref="double.PositiveInfinity"/> for the last bucket).</param>
/// <param name="Requests">Requests in the bucket.</param>
public sealed record LatencyBucket(double LowerMs, double UpperMs, long Requests);
