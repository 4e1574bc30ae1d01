namespace UsageDashboard.Data.Statistics;

/// <summary>Requests from one city (only records that have a city).</summary>
/// <param name="CountryCode">ISO country code (<see cref="UsageFilter.UnknownCountryCode"/> when missing).</param>
/// <param name="Country">Country name (<c>Unknown</c> when missing).</param>
/// <param name="City">City name.</param>
/// <param name="Latitude">
/// The mean latitude of the city's records that carry coordinates (a City database or the freegeoip endpoint
/// provides them); null when none does. The city still counts its requests without them.
/// </param>
/// <param name="Longitude">
/// The mean longitude of the same records (taken across the antimeridian when they straddle it); null
/// exactly when <paramref name="Latitude"/> is.
/// </param>
/// <param name="Requests">Requests from the city, with or without coordinates.</param>
/// <param name="Share">Share of all filtered requests (0-1).</param>
public sealed record CityCount(
    string CountryCode, string Country, string City, double? Latitude, double? Longitude, long Requests, double Share);
