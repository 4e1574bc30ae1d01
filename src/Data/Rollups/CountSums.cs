using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Requests, bytes, errors and duration summed for one key, held inline in the table that keys it: what a path's breakdowns
/// by status, country and browser keep (<see cref="PathSums"/>). The same counts as <see cref="RollupBatch.Count"/> adds to
/// a <see cref="RollupSums"/>, without the city's coordinates and the visitor's sightings that no breakdown has.
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

    /// <summary>Counts <paramref name="r"/>, which took <paramref name="us"/> microseconds.</summary>
    public void Add(UsageRecord r, long us)
    {
        Hits++;
        Bytes += r.ContentLength;
        DurationSumUs += us;
        if (r.Status >= 500)
        {
            Errors++;
        }
        else if (r.Status >= 400)
        {
            ClientErrors++;
        }
    }
}
