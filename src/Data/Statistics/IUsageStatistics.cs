using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Statistics;

/// <summary>
/// Every aggregate the dashboard and the <c>/api/stats</c> endpoints show, one method per card or table.
/// Aggregation runs in the database (GROUP BY); results are identical on SQLite and PostgreSQL.
/// </summary>
/// <remarks>
/// Thread-safe: each call opens its own context, so a page may run several calls concurrently.
/// Latencies are milliseconds; percentiles come from <see cref="LatencyHistogram"/>. Time series use
/// UTC buckets of <see cref="TimeBuckets.Choose"/> and include empty buckets. Every method throws
/// <see cref="ArgumentException"/> when the filter's end is not after its start.
/// </remarks>
public interface IUsageStatistics
{
    /// <summary>The largest page size of <see cref="GetRequestsAsync"/>.</summary>
    const int MaxRequestPageSize = IUsageReader.MaxLimit;

    /// <summary>Whether the database holds any record at all (an empty database shows setup guidance).</summary>
    Task<bool> HasRecordsAsync(CancellationToken cancellationToken = default);

    /// <summary>Applications (<c>server_name</c>) that have records, sorted, for the filter dropdown.</summary>
    Task<IReadOnlyList<string>> GetApplicationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Route groups that have records, sorted, optionally of one application only.</summary>
    Task<IReadOnlyList<string>> GetGroupsAsync(string? application = null, CancellationToken cancellationToken = default);

    /// <summary>The overview cards for the filter's period and the previous period of equal length.</summary>
    Task<OverviewStatistics> GetOverviewAsync(UsageFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Requests, 5xx and latency per time bucket.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="bucketSize">Bucket length; default chosen from the range by <see cref="TimeBuckets.Choose"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<TimeSeries> GetTimeSeriesAsync(UsageFilter filter, TimeSpan? bucketSize = null, CancellationToken cancellationToken = default);

    /// <summary>Requests per status class (1xx-5xx), classes without requests left out, in class order.</summary>
    Task<IReadOnlyList<StatusClassCount>> GetStatusClassesAsync(UsageFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The most requested URLs.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="grouping">Route templates or raw paths.</param>
    /// <param name="count">How many, 1-1000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<NamedCount>> GetTopUrlsAsync(
        UsageFilter filter, UrlGrouping grouping = UrlGrouping.Route, int count = 10, CancellationToken cancellationToken = default);

    /// <summary>The countries with most requests ("Unknown" included when it is among them).</summary>
    Task<IReadOnlyList<CountryCount>> GetTopCountriesAsync(UsageFilter filter, int count = 10, CancellationToken cancellationToken = default);

    /// <summary>The URL table: grouped, searched, sorted and paged, with the total row count.</summary>
    Task<PagedResult<UrlStatistics>> GetUrlsAsync(UsageFilter filter, UrlTableQuery query, CancellationToken cancellationToken = default);

    /// <summary>The page of one URL (the filter is narrowed to it).</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="url">The URL.</param>
    /// <param name="recentCount">How many recent requests, 0-1000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<UrlDetail> GetUrlDetailAsync(UsageFilter filter, UrlKey url, int recentCount = 20, CancellationToken cancellationToken = default);

    /// <summary>The status codes page: series by class and the per-code table with its top URLs.</summary>
    Task<StatusCodeStatistics> GetStatusCodesAsync(UsageFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Every country (Unknown included) and the top <paramref name="cityCount"/> cities.</summary>
    Task<GeographyStatistics> GetGeographyAsync(UsageFilter filter, int cityCount = 100, CancellationToken cancellationToken = default);

    /// <summary>Browsers, platforms, devices, languages and the bot share. The filter's bot mode applies too.</summary>
    Task<AudienceStatistics> GetAudienceAsync(UsageFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The request log: filtered records, newest first, with the total count.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="page">1-based page; values below 1 are treated as 1.</param>
    /// <param name="pageSize">Rows per page, 1-<see cref="MaxRequestPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<PagedResult<UsageRecord>> GetRequestsAsync(UsageFilter filter, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default);

    /// <summary>One record by id (the request detail drawer); null when it does not exist.</summary>
    Task<UsageRecord?> GetRequestAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every filtered record, newest first, streamed without buffering (exports).</summary>
    IAsyncEnumerable<UsageRecord> StreamRequestsAsync(UsageFilter filter, CancellationToken cancellationToken = default);
}
