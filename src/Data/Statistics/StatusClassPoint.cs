namespace UsageDashboard.Data.Statistics;

/// <summary>Requests per status class in one time bucket (stacked series).</summary>
/// <param name="Start">Bucket start, UTC.</param>
/// <param name="Informational">1xx.</param>
/// <param name="Success">2xx.</param>
/// <param name="Redirection">3xx.</param>
/// <param name="ClientError">4xx.</param>
/// <param name="ServerError">5xx.</param>
/// <param name="Other">Anything outside 100-599.</param>
public sealed record StatusClassPoint(
    DateTime Start, long Informational, long Success, long Redirection, long ClientError, long ServerError, long Other)
{
    /// <summary>All requests of the bucket.</summary>
    public long Total => Informational + Success + Redirection + ClientError + ServerError + Other;
}
