namespace UsageDashboard.Data.Statistics;

/// <summary>One row of the URL table.</summary>
/// <param name="Url">The route template or raw path (see <see cref="UrlGrouping"/>).</param>
/// <param name="Requests">Hits.</param>
/// <param name="ServerErrors">Hits with status 500 or above.</param>
/// <param name="AverageLatencyMs">Mean latency (exact).</param>
/// <param name="P50LatencyMs">Median latency (from <see cref="LatencyHistogram"/>).</param>
/// <param name="P95LatencyMs">95th percentile latency.</param>
/// <param name="P99LatencyMs">99th percentile latency.</param>
/// <param name="MaxLatencyMs">Slowest request (exact).</param>
/// <param name="Bytes">Response bytes sent.</param>
public sealed record UrlStatistics(
    string Url,
    long Requests,
    long ServerErrors,
    double AverageLatencyMs,
    double P50LatencyMs,
    double P95LatencyMs,
    double P99LatencyMs,
    double MaxLatencyMs,
    long Bytes)
{
    /// <summary>Share of hits with status 500 or above (0-1).</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)ServerErrors / Requests;
}
