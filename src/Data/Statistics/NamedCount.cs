namespace UsageDashboard.Data.Statistics;

/// <summary>Requests per value of one dimension (a URL, a browser version, a language, ...).</summary>
/// <param name="Name">The value; <c>Unknown</c> where the column was empty.</param>
/// <param name="Requests">Requests with that value.</param>
/// <param name="Share">Share of all filtered requests (0-1).</param>
public sealed record NamedCount(string Name, long Requests, double Share);
