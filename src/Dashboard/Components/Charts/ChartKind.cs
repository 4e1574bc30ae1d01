namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>The chart shapes the dashboard draws.</summary>
public enum ChartKind
{
    /// <summary>Filled line (time series).</summary>
    Area,
    /// <summary>Line (time series).</summary>
    Line,
    /// <summary>Bars (columns, or rows when horizontal).</summary>
    Bar,
    /// <summary>Share of a whole.</summary>
    Donut,
}
