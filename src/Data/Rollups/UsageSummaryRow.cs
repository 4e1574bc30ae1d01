namespace UsageDashboard.Data.Rollups;

/// <summary>One summary row: the requests of one key in one bucket (the original's summary row).</summary>
/// <param name="Date">Bucket start, UTC.</param>
/// <param name="Key">The key (path, address, browser, ...); empty when the record had none.</param>
/// <param name="Hits">Requests.</param>
/// <param name="Transfer">Response bytes.</param>
/// <param name="Errors">Requests answered with 5xx.</param>
/// <param name="ClientErrors">Requests answered with 4xx.</param>
/// <param name="AverageMs">Mean request duration in milliseconds.</param>
public sealed record UsageSummaryRow(DateTime Date, string Key, long Hits, long Transfer, long Errors, long ClientErrors, double AverageMs);
