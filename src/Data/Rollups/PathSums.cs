using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Everything the rollups keep per path of a <see cref="WideScopeSums"/> (or per <see cref="PathKey"/>): latency, and sums by
/// status, country and browser.
/// </summary>
/// <remarks>
/// One lookup of the path per record, then small lookups by short keys: far cheaper than four lookups by
/// <c>path TAB second</c> keys, each concatenated and hashed whole. The <see cref="RollupKey"/> rows are made once per
/// flush by <see cref="RollupBatch.Expand"/>.
/// </remarks>
internal sealed class PathSums
{
    /// <summary>The route group the path was summed under (empty for none); an entry kept by <see cref="PathKey"/> has it in its key.</summary>
    public string Group { get; init; } = "";

    /// <summary>The route template the path was summed under (the path itself when no endpoint matched); likewise.</summary>
    public string Route { get; init; } = "";

    public LatencySums Latency { get; } = new();

    public Dictionary<int, RollupSums> Statuses { get; } = new(4);

    public Dictionary<string, RollupSums> Countries { get; } = new(8, StringComparer.Ordinal);

    public Dictionary<string, RollupSums> Browsers { get; } = new(4, StringComparer.Ordinal);

    public void Add(UsageRecord r, long us)
    {
        Latency.Add(us, LatencyHistogram.BucketOf(r.Speed));
        RollupBatch.Count(SumsTable.Of(Statuses, r.Status), r, us);
        RollupBatch.Count(SumsTable.Of(Countries, r.CountryCode ?? ""), r, us);
        RollupBatch.Count(SumsTable.Of(Browsers, r.Browser ?? ""), r, us);
    }
}
