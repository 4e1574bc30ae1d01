namespace UsageDashboard.Data.Rollups;

/// <summary>The time bucket sizes rollups are kept at. Stored as a small integer in <c>period</c>.</summary>
internal enum RollupPeriod : short
{
    /// <summary>
    /// 15 minutes, UTC. Every UTC offset in use is a multiple of 15 minutes (India +5:30, Nepal +5:45,
    /// Chatham +12:45), so base buckets add up to exact local-time hours and days in any display zone.
    /// </summary>
    Base = 0,

    /// <summary>One UTC day; serves long ranges once base buckets have expired.</summary>
    Day = 1,

    /// <summary>One UTC calendar month; kept forever by default.</summary>
    Month = 2,

    /// <summary>
    /// One UTC hour, of the kinds <see cref="RollupBatch.IsKeptPerHour"/> (paths, routes, totals, statuses, countries),
    /// kept as long as base buckets. Whole hours are read from a quarter of the rows their 15-minute buckets take: every
    /// path's counts and latency over a partial day are what a ragged range's table of paths sums most, and a month's
    /// totals what the overview's time series does.
    /// </summary>
    Hour = 3,
}
