namespace UsageDashboard.Data.Statistics;

/// <summary>Requests of one browser or platform, with its versions.</summary>
/// <param name="Name">Browser or platform family; <c>Unknown</c> where empty.</param>
/// <param name="Requests">Requests of the family.</param>
/// <param name="Share">Share of all filtered requests (0-1).</param>
/// <param name="Versions">Its versions, most requests first (share relative to all filtered requests too).</param>
public sealed record VersionedCount(string Name, long Requests, double Share, IReadOnlyList<NamedCount> Versions);
