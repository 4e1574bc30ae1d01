namespace UsageDashboard.Data.Statistics;

/// <summary>The overview cards: the filtered period and the previous period of equal length.</summary>
/// <param name="Current">The filter's period.</param>
/// <param name="Previous">The period of equal length just before it.</param>
public sealed record OverviewStatistics(PeriodSummary Current, PeriodSummary Previous)
{
    /// <summary>Relative change of requests (0.25 = +25 %); null when the previous period had none.</summary>
    public double? RequestsChange => Relative(Current.Requests, Previous.Requests);

    /// <summary>Relative change of unique visitors; null when the previous period had none.</summary>
    public double? UniqueVisitorsChange => Relative(Current.UniqueVisitors, Previous.UniqueVisitors);

    /// <summary>
    /// Change of the error rate in absolute terms (0.01 = one percentage point more); null when the previous
    /// period had no requests. Rates compare by difference: a relative change from 0.1 % is meaningless.
    /// </summary>
    public double? ErrorRateChange => Previous.Requests == 0 ? null : Current.ErrorRate - Previous.ErrorRate;

    /// <summary>Relative change of the median latency; null when either period has none.</summary>
    public double? MedianLatencyChange => Relative(Current.MedianLatencyMs, Previous.MedianLatencyMs);

    /// <summary>Relative change of the p95 latency; null when either period has none.</summary>
    public double? P95LatencyChange => Relative(Current.P95LatencyMs, Previous.P95LatencyMs);

    /// <summary>Relative change of bytes sent; null when the previous period sent none.</summary>
    public double? BytesChange => Relative(Current.Bytes, Previous.Bytes);

    private static double? Relative(double? current, double? previous) =>
        current is null || previous is null || previous.Value == 0 ? null : (current.Value - previous.Value) / previous.Value;
}
