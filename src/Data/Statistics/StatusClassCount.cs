namespace UsageDashboard.Data.Statistics;

/// <summary>Requests of one status class (the overview donut).</summary>
/// <param name="StatusClass">1-5 (2 = 2xx); 0 for anything outside 100-599.</param>
/// <param name="Requests">Requests of the class.</param>
/// <param name="Share">Share of all filtered requests (0-1).</param>
public sealed record StatusClassCount(int StatusClass, long Requests, double Share)
{
    /// <summary>A label such as <c>2xx</c> (<c>other</c> for class 0).</summary>
    public string Label => StatusClass is >= 1 and <= 5 ? $"{StatusClass}xx" : "other";
}
