namespace UsageDashboard.Data.Rollups;

/// <summary>The bucket size of a summary, UTC.</summary>
public enum SummaryPeriod
{
    /// <summary>One hour.</summary>
    Hour,

    /// <summary>One day.</summary>
    Day,

    /// <summary>One calendar month.</summary>
    Month,
}
