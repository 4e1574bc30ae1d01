namespace UsageDashboard.Dashboard.Components.Cards;

/// <summary>One row of a <see cref="BarList"/>.</summary>
/// <param name="Name">Label.</param>
/// <param name="Value">The count the bar is sized by.</param>
/// <param name="Share">Share of the whole (0-1), shown when set.</param>
/// <param name="Href">Where a click on the label goes; null for plain text.</param>
public sealed record BarListItem(string Name, double Value, double? Share = null, string? Href = null);
