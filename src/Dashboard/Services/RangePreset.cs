namespace UsageDashboard.Dashboard.Services;

/// <summary>The date ranges of the filter bar.</summary>
internal enum RangePreset
{
    LastHour,
    Last24Hours,
    Last7Days,
    Last30Days,
    Custom,
}
