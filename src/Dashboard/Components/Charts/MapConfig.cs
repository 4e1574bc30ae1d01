namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>What the JavaScript map draws: values per country, points on top, their label and format, and the theme.</summary>
/// <param name="Values">Value per upper-case ISO 3166-1 alpha-2 code.</param>
/// <param name="Label">What a value counts, shown in the tooltip ("requests").</param>
/// <param name="Dark">Whether the dark theme is active.</param>
/// <param name="Selected">The country currently filtered on, highlighted; null when none.</param>
/// <param name="Markers">Points drawn over the countries (cities with coordinates); empty for none.</param>
public sealed record MapConfig(IReadOnlyDictionary<string, double> Values, string Label, bool Dark, string? Selected, IReadOnlyList<MapMarker> Markers);
