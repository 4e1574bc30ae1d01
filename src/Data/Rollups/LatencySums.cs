namespace UsageDashboard.Data.Rollups;

/// <summary>Running latency statistics of one <see cref="LatencyKey"/> within a batch.</summary>
internal sealed class LatencySums
{
    public long Count;
    public long SumUs;
    public long MinUs = long.MaxValue;
    public long MaxUs = long.MinValue;
    public readonly long[] Histogram = new long[RollupHistogram.BucketCount];

    public void Add(long us, int histogramBucket)
    {
        Count++;
        SumUs += us;
        if (us < MinUs) MinUs = us;
        if (us > MaxUs) MaxUs = us;
        Histogram[histogramBucket]++;
    }

    public void Merge(LatencySums other)
    {
        Count += other.Count;
        SumUs += other.SumUs;
        if (other.MinUs < MinUs) MinUs = other.MinUs;
        if (other.MaxUs > MaxUs) MaxUs = other.MaxUs;
        for (var i = 0; i < Histogram.Length; i++)
        {
            Histogram[i] += other.Histogram[i];
        }
    }
}
