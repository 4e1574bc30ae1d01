using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Everything the rollups keep per path of a <see cref="WideScopeSums"/> (or per <see cref="PathKey"/>): latency, and sums by
/// status, country and browser.
/// </summary>
/// <remarks>
/// One lookup of the path per record, then small lookups by numbers: far cheaper than four lookups by
/// <c>path TAB second</c> keys, each concatenated and hashed whole. Countries and browsers are numbered by the batch's
/// <see cref="RollupKeyIds"/>, whose few texts stay in cache, and each breakdown keeps its sums inside its own entries
/// (<see cref="CountSums"/>): with thousands of paths a record's path is rarely in cache, and every separate object its
/// lookups went through (the key's string, the sums) was one more read from memory. The <see cref="RollupKey"/> rows are
/// made once per flush by <see cref="RollupBatch.Expand"/>.
/// </remarks>
internal sealed class PathSums
{
    /// <summary>The route group the path was summed under (empty for none); an entry kept by <see cref="PathKey"/> has it in its key.</summary>
    public string Group { get; init; } = "";

    /// <summary>The route template the path was summed under (the path itself when no endpoint matched); likewise.</summary>
    public string Route { get; init; } = "";

    public LatencySums Latency { get; } = new();

    /// <summary>Sums by status code.</summary>
    public Dictionary<int, CountSums> Statuses { get; } = new(4);

    /// <summary>Sums by country code, keyed by its number in the batch's <see cref="RollupKeyIds"/>.</summary>
    public Dictionary<int, CountSums> Countries { get; } = new(8);

    /// <summary>Sums by browser family, keyed by its number in the batch's <see cref="RollupKeyIds"/>.</summary>
    public Dictionary<int, CountSums> Browsers { get; } = new(4);

    /// <summary>
    /// Adds <paramref name="r"/>, which took <paramref name="us"/> microseconds and <paramref name="counts"/> are the counts
    /// of, numbering its texts by <paramref name="ids"/>.
    /// </summary>
    public void Add(UsageRecord r, long us, in CountSums counts, RollupKeyIds ids)
    {
        Latency.Add(us, LatencyHistogram.BucketOf(r.Speed));
        SumsTable.Of(Statuses, r.Status).Add(in counts);
        SumsTable.Of(Countries, ids.Of(r.CountryCode ?? "")).Add(in counts);
        SumsTable.Of(Browsers, ids.Of(r.Browser ?? "")).Add(in counts);
    }
}
