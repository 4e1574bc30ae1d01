namespace UsageDashboard.Data.Statistics;

/// <summary>Requests from one city (only records that have a city).</summary>
/// <param name="CountryCode">ISO country code (<see cref="UsageFilter.UnknownCountryCode"/> when missing).</param>
/// <param name="Country">Country name (<c>Unknown</c> when missing).</param>
/// <param name="City">City name.</param>
/// <param name="Latitude">A latitude seen for the city; null when none was recorded.</param>
/// <param name="Longitude">A longitude seen for the city; null when none was recorded.</param>
/// <param name="Requests">Requests from the city.</param>
/// <param name="Share">Share of all filtered requests (0-1).</param>
public sealed record CityCount(
    string CountryCode, string Country, string City, double? Latitude, double? Longitude, long Requests, double Share);
