namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The narrow rollups of one <see cref="ScopeKey"/>: the total, sums per dimension key and per key pair, and latency per
/// route.
/// </summary>
/// <remarks>
/// Records are summed in two steps, the scope once and then each dimension by its own key: hashing the application and
/// group once per record instead of once per dimension, and keeping pairs as two strings instead of concatenating a
/// <c>first TAB second</c> key per record. <see cref="RollupBatch.Expand"/> makes the rows, once per flush.
/// </remarks>
internal sealed class ScopeSums
{
    public RollupSums Total { get; } = new();

    public Dictionary<(RollupDimension Kind, string Key), RollupSums> Keys { get; } = new(64);

    public Dictionary<(RollupDimension Kind, string First, string Second), RollupSums> Pairs { get; } = new(64);

    public Dictionary<string, LatencySums> RouteLatency { get; } = new(16, StringComparer.Ordinal);

    /// <summary>The last record's keys and their sums, which the next record often shares.</summary>
    public ScopeRecentKeys Recent { get; } = new();

    public RollupSums Key(RollupDimension kind, string key) => SumsTable.Of(Keys, (kind, key));

    public RollupSums Pair(RollupDimension kind, string first, string second) => SumsTable.Of(Pairs, (kind, first, second));

    public LatencySums Latency(string route) => SumsTable.Of(RouteLatency, route);
}
