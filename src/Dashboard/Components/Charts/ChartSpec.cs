namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>
/// Everything one chart shows, as plain C# values. <see cref="ChartConfigBuilder"/> turns it into
/// an ApexCharts configuration, so pages never write JavaScript or JSON by hand.
/// </summary>
public sealed record ChartSpec
{
    /// <summary>The chart shape.</summary>
    public required ChartKind Kind { get; init; }

    /// <summary>The series to draw.</summary>
    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>Category labels (bar and donut charts); ignored when <see cref="Timestamps"/> is set.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>X values of a time series, already converted to the display time zone.</summary>
    public IReadOnlyList<DateTime>? Timestamps { get; init; }

    /// <summary>Y axes; the first is the default. Empty means one count axis.</summary>
    public IReadOnlyList<ChartAxis> Axes { get; init; } = [];

    /// <summary>Stacks the series (bars and areas).</summary>
    public bool Stacked { get; init; }

    /// <summary>Draws bars horizontally.</summary>
    public bool Horizontal { get; init; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 300;

    /// <summary>Format of donut values and of the tooltip when no axis is given.</summary>
    public ValueFormat Format { get; init; } = ValueFormat.Count;

    /// <summary>Shows the legend.</summary>
    public bool ShowLegend { get; init; } = true;

    /// <summary>Palette; empty uses the dashboard's default palette.</summary>
    public IReadOnlyList<string> Colors { get; init; } = [];
}
