namespace UsageDashboard.Data.Statistics;

/// <summary>The geography page: every country (Unknown included) and the top cities.</summary>
/// <param name="Countries">All countries, most requests first; requests without geo information are one "Unknown" row.</param>
/// <param name="Cities">The top cities, most requests first.</param>
public sealed record GeographyStatistics(IReadOnlyList<CountryCount> Countries, IReadOnlyList<CityCount> Cities);
