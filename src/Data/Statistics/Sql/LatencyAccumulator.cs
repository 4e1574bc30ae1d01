namespace UsageDashboard.Data.Statistics.Sql;

/// <summary>
/// Bucket counts plus the smallest and largest latency seen per bucket, filled from GROUP BY rows,
/// turned into percentiles by <see cref="LatencyHistogram"/>.
/// </summary>
internal sealed class LatencyAccumulator
{
    private readonly long[] _counts = new long[LatencyHistogram.BucketCount];
    private readonly double[] _minMs = new double[LatencyHistogram.BucketCount];
    private readonly double[] _maxMs = new double[LatencyHistogram.BucketCount];

    public LatencyAccumulator()
    {
        Array.Fill(_minMs, double.PositiveInfinity);
        Array.Fill(_maxMs, double.NegativeInfinity);
    }

    public long Count { get; private set; }

    public void Add(int bucket, long count, double minSeconds, double maxSeconds)
    {
        bucket = Math.Clamp(bucket, 0, LatencyHistogram.BucketCount - 1);
        _counts[bucket] += count;
        _minMs[bucket] = Math.Min(_minMs[bucket], minSeconds * 1000);
        _maxMs[bucket] = Math.Max(_maxMs[bucket], maxSeconds * 1000);
        Count += count;
    }

    public double? Percentile(double p) => LatencyHistogram.Percentile(_counts, _minMs, _maxMs, p);

    /// <summary>Histogram bars from the first to the last non-empty bucket.</summary>
    public IReadOnlyList<LatencyBucket> Buckets() => LatencyHistogram.Bars(_counts);
}
