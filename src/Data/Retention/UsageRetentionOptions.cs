namespace UsageDashboard.Data.Retention;

/// <summary>
/// How long usage data is kept, bound from <c>UsageTracking:Retention</c>. A value of 0 or less keeps that data forever.
/// </summary>
public sealed class UsageRetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "UsageTracking:Retention";

    /// <summary>Days raw records are kept (<c>RawDays</c>). Default 90.</summary>
    public int RawDays { get; set; } = 90;

    /// <summary>Days 15-minute rollup buckets, and the hourly rows beside them, are kept (<c>BaseDays</c>). Default 90.</summary>
    public int BaseDays { get; set; } = 90;

    /// <summary>Days daily rollup buckets are kept (<c>DailyDays</c>). Default 1095 (3 years).</summary>
    public int DailyDays { get; set; } = 1095;

    /// <summary>Days monthly rollup buckets are kept (<c>MonthlyDays</c>). Default 0: forever.</summary>
    public int MonthlyDays { get; set; }

    /// <summary>Rows deleted per statement (<c>BatchSize</c>); small so that writers never wait long. Default 5000.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Pause between two delete statements (<c>BatchPause</c>), giving writers the database. Default 200 ms.</summary>
    public TimeSpan BatchPause { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time between two purge runs (<c>Interval</c>). Default 1 hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>PostgreSQL: months of raw-table partitions created ahead of the current one (<c>PartitionMonthsAhead</c>). Default 2.</summary>
    public int PartitionMonthsAhead { get; set; } = 2;

    /// <summary>The instant before which raw records are purged, or null when they are kept forever.</summary>
    internal DateTime? RawCutoff(DateTime now) => RawDays > 0 ? now.AddDays(-RawDays) : null;
}
