namespace UsageDashboard.Data.Statistics;

/// <summary>One URL of the URL table: a route template or a raw path, as the table's <see cref="UrlGrouping"/> named it.</summary>
/// <param name="Grouping">Whether <paramref name="Value"/> is a route template or a raw path.</param>
/// <param name="Value">The route template (or, for unmatched requests, the path) or the raw path.</param>
public sealed record UrlKey(UrlGrouping Grouping, string Value);
