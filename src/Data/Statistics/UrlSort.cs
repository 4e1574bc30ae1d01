namespace UsageDashboard.Data.Statistics;

/// <summary>The column the URL table is sorted by.</summary>
public enum UrlSort
{
    /// <summary>Hits (the default).</summary>
    Requests = 0,
    /// <summary>URL text.</summary>
    Url,
    /// <summary>5xx share.</summary>
    ErrorRate,
    /// <summary>Mean latency.</summary>
    AverageLatency,
    /// <summary>Median latency.</summary>
    P50Latency,
    /// <summary>95th percentile latency.</summary>
    P95Latency,
    /// <summary>99th percentile latency.</summary>
    P99Latency,
    /// <summary>Slowest request.</summary>
    MaxLatency,
    /// <summary>Bytes sent.</summary>
    Bytes,
}
