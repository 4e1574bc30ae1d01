namespace UsageDashboard.Data.Rollups;

/// <summary>Running sums of one <see cref="RollupKey"/> within a batch.</summary>
internal sealed class RollupSums
{
    public long Hits;
    public long Bytes;
    public long Errors;
    public long ClientErrors;
    public long DurationSumUs;

    /// <summary>City rows only: records with both coordinates in range, and the sums that place the city.</summary>
    public long Located;
    public double LatitudeSum;
    public double LongitudeSum;

    /// <summary>Located records west of Greenwich: with <see cref="LongitudeSum"/> gives the mean on a 0-360 scale.</summary>
    public long West;

    /// <summary>Sum of absolute longitudes: a mean above 90° means the city lies by the antimeridian.</summary>
    public double AbsLongitudeSum;

    public void Add(RollupSums other)
    {
        Hits += other.Hits;
        Bytes += other.Bytes;
        Errors += other.Errors;
        ClientErrors += other.ClientErrors;
        DurationSumUs += other.DurationSumUs;
        Located += other.Located;
        LatitudeSum += other.LatitudeSum;
        LongitudeSum += other.LongitudeSum;
        West += other.West;
        AbsLongitudeSum += other.AbsLongitudeSum;
    }
}
