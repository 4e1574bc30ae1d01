namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>One named series; its values line up with the chart's categories or timestamps.</summary>
/// <param name="Name">Legend and tooltip name.</param>
/// <param name="Values">One value per category or timestamp; null draws a gap.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values)
{
    /// <summary>Overrides the chart kind for this series (a line over bars); null uses the chart's.</summary>
    public ChartKind? Kind { get; init; }

    /// <summary>Index into <see cref="ChartSpec.Axes"/> of the y axis this series is drawn against.</summary>
    public int Axis { get; init; }

    /// <summary>A CSS colour; null takes the next palette colour.</summary>
    public string? Color { get; init; }
}
