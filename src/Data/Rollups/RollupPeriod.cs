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
    /// One UTC hour, of the paths' count and latency rows only (<see cref="RollupBatch.IsKeptPerHour"/>), kept as long as
    /// base buckets. A partial day's whole hours are read from a quarter of the rows its 15-minute buckets take:
    /// every path's counts and latency over them are what a ragged range's table of paths sums most.
    /// </summary>
    Hour = 3,
}
