using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Requests, bytes, errors and duration: what one record adds to every key it counts under (<see cref="Of"/>, made once per
/// record), and what a path's breakdowns by status, country and browser keep inline in their tables (<see cref="PathSums"/>).
/// <see cref="RollupSums"/> holds them beside the city's coordinates and the visitor's sightings.
/// </summary>
/// <remarks>
/// A value in the table's own entry, not an object of its own: a record's three breakdown lookups then touch the
/// path's tables only, where sums as objects each cost one more read from memory.
/// </remarks>
internal struct CountSums
{
    public long Hits;
    public long Bytes;
    public long Errors;
    public long ClientErrors;
    public long DurationSumUs;

    /// <summary>The counts of <paramref name="r"/> alone, which took <paramref name="us"/> microseconds.</summary>
    public static CountSums Of(UsageRecord r, long us) => new()
    {
        Hits = 1,
        Bytes = r.ContentLength,
        DurationSumUs = us,
        Errors = r.Status >= 500 ? 1 : 0,
        ClientErrors = r.Status is >= 400 and < 500 ? 1 : 0,
    };

    public void Add(in CountSums other)
    {
        Hits += other.Hits;
        Bytes += other.Bytes;
        Errors += other.Errors;
        ClientErrors += other.ClientErrors;
        DurationSumUs += other.DurationSumUs;
    }
}
