namespace UsageDashboard.Data.Rollups;

/// <summary>What a rebuild recomputed; empty ranges are equal start and end.</summary>
/// <param name="BaseFrom">First 15-minute bucket rebuilt, UTC.</param>
/// <param name="BaseTo">End of the last 15-minute bucket rebuilt, UTC.</param>
/// <param name="DayFrom">First day rebuilt.</param>
/// <param name="DayTo">End of the last day rebuilt.</param>
/// <param name="MonthFrom">First month rebuilt.</param>
/// <param name="MonthTo">End of the last month rebuilt.</param>
/// <param name="Elapsed">How long the rebuild took.</param>
public sealed record RollupRebuildResult(
    DateTime BaseFrom, DateTime BaseTo, DateTime DayFrom, DateTime DayTo, DateTime MonthFrom, DateTime MonthTo, TimeSpan Elapsed)
{
    /// <summary>True when nothing was rebuilt (no raw records in the range).</summary>
    public bool IsEmpty => BaseFrom >= BaseTo;
}
