namespace UsageDashboard.Data.Statistics;

/// <summary>Requests from one country.</summary>
/// <param name="CountryCode">ISO 3166-1 alpha-2 code; <see cref="UsageFilter.UnknownCountryCode"/> for requests without geo information.</param>
/// <param name="Country">Country name; <c>Unknown</c> for requests without geo information.</param>
/// <param name="Requests">Requests from the country.</param>
/// <param name="Share">Share of all filtered requests (0-1).</param>
public sealed record CountryCount(string CountryCode, string Country, long Requests, double Share);
