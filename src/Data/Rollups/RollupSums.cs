namespace UsageDashboard.Data.Rollups;

/// <summary>Running sums of one <see cref="RollupKey"/> within a batch.</summary>
internal sealed class RollupSums
{
    /// <summary>Requests, bytes, errors and duration, as every key counts them.</summary>
    public CountSums Counts;

    /// <summary>City rows only: records with both coordinates in range, and the sums that place the city.</summary>
    public long Located;
    public double LatitudeSum;
    public double LongitudeSum;

    /// <summary>Located records west of Greenwich: with <see cref="LongitudeSum"/> gives the mean on a 0-360 scale.</summary>
    public long West;

    /// <summary>Sum of absolute longitudes: a mean above 90° means the city lies by the antimeridian.</summary>
    public double AbsLongitudeSum;

    /// <summary>
    /// Visitor rows only: the earliest and latest request time (Unix ms), which answer "seen before" and "seen after" an
    /// instant within the day; <see cref="long.MaxValue"/> and <see cref="long.MinValue"/> (stored as NULL) elsewhere.
    /// </summary>
    public long FirstMs = long.MaxValue;
    public long LastMs = long.MinValue;

    public bool HasSightings => FirstMs <= LastMs;

    /// <summary>Notes a request at <paramref name="ms"/> in <see cref="FirstMs"/> and <see cref="LastMs"/>.</summary>
    public void See(long ms)
    {
        if (ms < FirstMs) FirstMs = ms;
        if (ms > LastMs) LastMs = ms;
    }

    /// <summary>Adds <paramref name="counts"/>: one record's (<see cref="CountSums.Of"/>) or one breakdown entry's.</summary>
    public void Add(in CountSums counts) => Counts.Add(in counts);

    public void Add(RollupSums other)
    {
        if (other.FirstMs < FirstMs) FirstMs = other.FirstMs;
        if (other.LastMs > LastMs) LastMs = other.LastMs;
        Counts.Add(in other.Counts);
        Located += other.Located;
        LatitudeSum += other.LatitudeSum;
        LongitudeSum += other.LongitudeSum;
        West += other.West;
        AbsLongitudeSum += other.AbsLongitudeSum;
    }
}
