namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>How a chart formats its values; mirrored by the formatters in <c>wwwroot/js/charts.js</c>.</summary>
public enum ValueFormat
{
    /// <summary>Compact counts: 950, 1.2k, 3.4M.</summary>
    Count,
    /// <summary>Durations given in milliseconds: 12 ms, 1.4 s.</summary>
    Milliseconds,
    /// <summary>Byte counts: 512 B, 1.2 MB.</summary>
    Bytes,
    /// <summary>Percentages given as 0..100.</summary>
    Percent,
}
