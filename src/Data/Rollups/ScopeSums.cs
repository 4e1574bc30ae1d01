namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The narrow rollups of one <see cref="ScopeKey"/>: the total, sums per dimension key and per key pair, and latency per
/// route.
/// </summary>
/// <remarks>
/// Records are summed in two steps, the scope once and then each dimension by its own key: hashing the application and
/// group once per record instead of once per dimension. Keys and pairs are held as numbers of the batch's texts
/// (<see cref="RollupKeyIds"/>) rather than as strings, so that each lookup hashes and compares one long.
/// <see cref="RollupBatch.Expand"/> makes the rows, once per flush.
/// </remarks>
internal sealed class ScopeSums
{
    public RollupSums Total { get; } = new();

    /// <summary>Sums per kind and key (or key pair), packed by <see cref="RollupKeyIds"/>.</summary>
    public Dictionary<long, RollupSums> Keys { get; } = new(128);

    /// <summary>Latency per route, by the route's text number.</summary>
    public Dictionary<int, LatencySums> RouteLatency { get; } = new(16);

    /// <summary>The last record's keys and their sums, which the next record often shares.</summary>
    public ScopeRecentKeys Recent { get; } = new();

    public RollupSums Key(RollupDimension kind, int key) => SumsTable.Of(Keys, RollupKeyIds.Pack(kind, key));

    public RollupSums Pair(RollupDimension kind, int first, int second) => SumsTable.Of(Keys, RollupKeyIds.Pack(kind, first, second));

    public LatencySums Latency(int route) => SumsTable.Of(RouteLatency, route);
}
