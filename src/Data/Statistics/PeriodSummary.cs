namespace UsageDashboard.Data.Statistics;

/// <summary>The headline numbers of one period (the overview cards).</summary>
/// <param name="Requests">Requests in the period.</param>
/// <param name="UniqueVisitors">
/// Distinct visitors per UTC day, summed over the days of the period: a visitor is the visitor id where the record
/// has one, else the remote address, per application and bot flag. Visitor ids rotate daily, so a returning visitor
/// counts once per day, as in cookie-less analytics tools; the same rule applies to records without an id.
/// </param>
/// <param name="ServerErrors">Requests with status 500 or above.</param>
/// <param name="ClientErrors">Requests with status 400-499.</param>
/// <param name="MedianLatencyMs">Median latency in milliseconds, from <see cref="LatencyHistogram"/>; null without requests.</param>
/// <param name="P95LatencyMs">95th percentile latency in milliseconds; null without requests.</param>
/// <param name="Bytes">Response bytes sent.</param>
public sealed record PeriodSummary(
    long Requests,
    long UniqueVisitors,
    long ServerErrors,
    long ClientErrors,
    double? MedianLatencyMs,
    double? P95LatencyMs,
    long Bytes)
{
    /// <summary>The error rate: share of requests with status 500 or above (0-1); 0 without requests.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)ServerErrors / Requests;

    /// <summary>Share of requests with a 4xx status (0-1); 0 without requests.</summary>
    public double ClientErrorRate => Requests == 0 ? 0 : (double)ClientErrors / Requests;
}
