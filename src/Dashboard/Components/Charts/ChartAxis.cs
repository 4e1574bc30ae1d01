namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>A y axis: its title, value format and which side it sits on.</summary>
public sealed record ChartAxis(string Title, ValueFormat Format = ValueFormat.Count)
{
    /// <summary>Draws the axis on the right (a second measure such as latency over counts).</summary>
    public bool Opposite { get; init; }
}
