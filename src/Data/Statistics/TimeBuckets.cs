namespace UsageDashboard.Data.Statistics;

/// <summary>Time series bucket sizes. Buckets are aligned to the Unix epoch in UTC (days start at 00:00 UTC).</summary>
public static class TimeBuckets
{
    /// <summary>
    /// The bucket for a range, aiming at roughly 50-300 points: up to 3 h per minute, up to 12 h per 5 minutes,
    /// up to 2 days per 15 minutes, up to 14 days per hour, up to 62 days per 6 hours, up to a year per day, else per week.
    /// </summary>
    public static TimeSpan Choose(TimeSpan range) => range switch
    {
        _ when range <= TimeSpan.FromHours(3) => TimeSpan.FromMinutes(1),
        _ when range <= TimeSpan.FromHours(12) => TimeSpan.FromMinutes(5),
        _ when range <= TimeSpan.FromDays(2) => TimeSpan.FromMinutes(15),
        _ when range <= TimeSpan.FromDays(14) => TimeSpan.FromHours(1),
        _ when range <= TimeSpan.FromDays(62) => TimeSpan.FromHours(6),
        _ when range <= TimeSpan.FromDays(366) => TimeSpan.FromDays(1),
        _ => TimeSpan.FromDays(7),
    };

    /// <summary>The start of the bucket that contains <paramref name="time"/> (UTC).</summary>
    public static DateTime Floor(DateTime time, TimeSpan bucketSize)
    {
        var ms = (time.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
        var size = (long)bucketSize.TotalMilliseconds;
        if (size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bucketSize), bucketSize, "The bucket size must be at least one millisecond.");
        }

        var floor = ms - (((ms % size) + size) % size);
        return DateTime.UnixEpoch.AddMilliseconds(floor);
    }
}
