using UsageDashboard.Data.Storage;

namespace UsageDashboard.Data.Statistics;

/// <summary>One URL of the URL table: a route template or a raw path, as the table's <see cref="UrlGrouping"/> named it.</summary>
/// <param name="Grouping">Whether <paramref name="Value"/> is a route template or a raw path.</param>
/// <param name="Value">
/// The route template (or, for unmatched requests, the path) or the raw path; held as the database stores text
/// (see <see cref="UsageFilter"/>).
/// </param>
public sealed record UrlKey(UrlGrouping Grouping, string Value)
{
    /// <summary>The route template or path, as stored.</summary>
    public string Value { get; init; } = UsageText.Clean(Value, null)!;
}
