namespace UsageDashboard.Dashboard.Components.Charts;

/// <summary>A point drawn over the world map (a city), sized by its value.</summary>
/// <param name="Name">The place, first line of the tooltip ("Berlin").</param>
/// <param name="Country">The country it lies in, second line of the tooltip ("Germany").</param>
/// <param name="Latitude">Degrees north, -90 to 90.</param>
/// <param name="Longitude">Degrees east, -180 to 180.</param>
/// <param name="Value">What the map counts (its label, e.g. requests); the largest value draws the largest dot.</param>
public sealed record MapMarker(string Name, string Country, double Latitude, double Longitude, double Value);
