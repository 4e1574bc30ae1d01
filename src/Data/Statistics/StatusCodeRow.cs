namespace UsageDashboard.Data.Statistics;

/// <summary>One row of the status code table.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Requests">Requests with the code.</param>
/// <param name="Share">Share of all filtered requests (0-1).</param>
/// <param name="TopUrls">The URLs (route templates) answering with this code most often; share relative to the code's requests.</param>
public sealed record StatusCodeRow(int Status, long Requests, double Share, IReadOnlyList<NamedCount> TopUrls);
