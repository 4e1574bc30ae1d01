using System.Text.Json.Serialization;
using UsageDashboard.Data.Rollups;

namespace UsageDashboard.Dashboard.Api;

/// <summary>One <c>/api/summary</c> item with the original's keys (<c>date</c>, <c>key</c>, <c>hits</c>, <c>transfer</c>) and ours.</summary>
internal sealed record SummaryItem(
    [property: JsonPropertyName("date")] DateTime Date,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("hits")] long Hits,
    [property: JsonPropertyName("transfer")] long Transfer,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("client_errors")] long ClientErrors,
    [property: JsonPropertyName("average_ms")] double AverageMs)
{
    public static SummaryItem From(UsageSummaryRow row) =>
        new(row.Date, row.Key, row.Hits, row.Transfer, row.Errors, row.ClientErrors, Math.Round(row.AverageMs, 3));
}
