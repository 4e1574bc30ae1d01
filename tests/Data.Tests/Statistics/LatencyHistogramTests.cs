using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Data.Tests.Statistics;

/// <summary>The percentile of a histogram whose smallest and largest latency bound its first and last non-empty buckets.</summary>
public sealed class LatencyHistogramTests
{
    public static TheoryData<int[], double, double> Histograms => new()
    {
        // Buckets with counts, smallest and largest latency (ms).
        { [14], 0.2, 0.24 },
        { [14, 14], 0.21, 0.23 },
        { [0, 20, 21, 30], 0.05, 0.9 },
        { [3, 17, 40], 0.11, 3.5 },
        { [61], 150_000, 150_000 },
        { [20, 61, 61], 7.5, 400_000 },
    };

    [Theory]
    [MemberData(nameof(Histograms))]
    public void Percentiles_from_the_extremes_equal_those_from_bounds_written_out(int[] buckets, double minMs, double maxMs)
    {
        var counts = new long[LatencyHistogram.BucketCount];
        foreach (var bucket in buckets)
        {
            counts[bucket]++;
        }

        foreach (var p in new[] { 0, 0.25, 0.5, 0.95, 0.99, 1 })
        {
            Assert.Equal(WrittenOut(counts, minMs, maxMs, p), LatencyHistogram.PercentileBetweenExtremes(counts, minMs, maxMs, p));
        }
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile() =>
        Assert.Null(LatencyHistogram.PercentileBetweenExtremes(new long[LatencyHistogram.BucketCount], 1, 2, 0.5));

    /// <summary>Every bucket's bounds listed, the first and last non-empty ones bounded by the extremes instead.</summary>
    private static double? WrittenOut(long[] counts, double minMs, double maxMs, double p)
    {
        var lo = new double[counts.Length];
        var hi = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            lo[i] = LatencyHistogram.LowerBoundMs(i);
            hi[i] = double.IsPositiveInfinity(LatencyHistogram.UpperBoundMs(i)) ? lo[i] : LatencyHistogram.UpperBoundMs(i);
        }

        lo[Array.FindIndex(counts, c => c > 0)] = minMs;
        hi[Array.FindLastIndex(counts, c => c > 0)] = maxMs;
        return LatencyHistogram.Percentile(counts, lo, hi, p);
    }
}
