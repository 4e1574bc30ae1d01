namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Bucket arithmetic on UTC Unix milliseconds: <c>bucket = floor(ts / period) * period</c> (Pulse's rule),
/// with calendar months for <see cref="RollupPeriod.Month"/>.
/// </summary>
internal static class RollupBuckets
{
    public const long BaseMs = 15 * 60 * 1000;
    public const long HourMs = 60 * 60 * 1000;
    public const long DayMs = 24 * HourMs;

    public static long ToUnixMs(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    public static DateTime FromUnixMs(long ms) => new(DateTime.UnixEpoch.Ticks + ms * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    public static long Floor(RollupPeriod period, long ms) => period switch
    {
        RollupPeriod.Base => FloorBy(ms, BaseMs),
        RollupPeriod.Hour => FloorBy(ms, HourMs),
        RollupPeriod.Day => FloorBy(ms, DayMs),
        _ => MonthFloor(ms),
    };

    /// <summary>The first bucket start at or after <paramref name="ms"/>.</summary>
    public static long Ceiling(RollupPeriod period, long ms)
    {
        var floor = Floor(period, ms);
        return floor == ms ? ms : Next(period, floor);
    }

    /// <summary>The start of the bucket after the one starting at <paramref name="bucketStart"/>.</summary>
    public static long Next(RollupPeriod period, long bucketStart) => period switch
    {
        RollupPeriod.Base => bucketStart + BaseMs,
        RollupPeriod.Hour => bucketStart + HourMs,
        RollupPeriod.Day => bucketStart + DayMs,
        _ => ToUnixMs(FromUnixMs(bucketStart).AddMonths(1)),
    };

    public static long FloorBy(long ms, long size)
    {
        var r = ms % size;
        return r >= 0 ? ms - r : ms - r - size;
    }

    private static long MonthFloor(long ms)
    {
        var d = FromUnixMs(ms);
        return ToUnixMs(new DateTime(d.Year, d.Month, 1, 0, 0, 0, DateTimeKind.Utc));
    }
}
