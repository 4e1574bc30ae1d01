namespace UsageDashboard.Data.Rollups;

/// <summary>
/// One complement of a <see cref="RollupRange"/>: <see cref="Parts"/> read as the <see cref="Enclosing"/> day or month row
/// less the <see cref="Rest"/> of it. The sums subtract exactly; the smallest and largest latency do not, but the enclosing
/// row's are the part's whenever the rest does not reach them.
/// </summary>
/// <param name="Enclosing">The day or month bucket read whole.</param>
/// <param name="Parts">
/// The buckets of the range it stands for: a partial day's base buckets, or a month's whole days and the base buckets of
/// its partial days.
/// </param>
/// <param name="Rest">The buckets taken away: the rest of the day or month.</param>
internal sealed record RollupComplement(
    (RollupPeriod Period, long From, long To) Enclosing,
    IReadOnlyList<(RollupPeriod Period, long From, long To)> Parts,
    IReadOnlyList<(RollupPeriod Period, long From, long To)> Rest);
