namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The earliest instants (UTC Unix milliseconds) from which 15-minute and daily rollup rows are still kept by retention.
/// A complement subtracts such rows from a day or month row, so it may only be used where they are all still there.
/// </summary>
internal readonly record struct RollupKeptFrom(long BaseMs, long DayMs)
{
    /// <summary>Nothing purged: every complement may be used.</summary>
    public static readonly RollupKeptFrom All = new(long.MinValue, long.MinValue);
}
