namespace UsageDashboard.Data.Rollups;

/// <summary>
/// What a rollup row's <c>key</c> means. Stored as a small integer in <c>kind</c>.
/// Every dimension partitions the records, so the hits of any one kind add up to the total.
/// </summary>
/// <remarks>
/// One table with a kind column rather than one table per dimension: the primary key
/// (period, kind, bucket_start, app, grp, key) makes every dashboard query a single contiguous range scan
/// of one kind, and one upsert statement per batch covers all dimensions instead of ten.
/// </remarks>
internal enum RollupDimension : short
{
    /// <summary>All requests of the bucket, application and route group; key is empty.</summary>
    Total = 0,

    /// <summary>Route template, e.g. <c>/shop/products/{id}</c>; the path when no endpoint matched.</summary>
    Route = 1,

    /// <summary>Request path (the original's <c>url</c> summary, without the query string).</summary>
    Path = 2,

    /// <summary>Client address (<c>remote_addr</c>).</summary>
    Remote = 3,

    /// <summary>Browser family.</summary>
    Browser = 4,

    /// <summary>Browser family and major version, e.g. <c>Chrome 120</c>.</summary>
    BrowserVersion = 5,

    /// <summary>Operating system family.</summary>
    Platform = 6,

    /// <summary>Preferred language.</summary>
    Language = 7,

    /// <summary>ISO country code; empty when unknown.</summary>
    Country = 8,

    /// <summary>HTTP status code as text.</summary>
    Status = 9,

    /// <summary>Visitor id (falls back to the remote address); kept per day only, gives unique visitors.</summary>
    Visitor = 10,

    /// <summary>Device family (uap-core's, e.g. <c>iPhone</c>, <c>Spider</c>); empty when unknown.</summary>
    Device = 11,

    /// <summary>Browser family and full version, <c>family TAB version</c>.</summary>
    BrowserRelease = 12,

    /// <summary>Operating system family and version, <c>family TAB version</c>.</summary>
    PlatformRelease = 13,

    /// <summary>Route template (as <see cref="Route"/>) and status code, <c>route TAB status</c>.</summary>
    RouteStatus = 14,

    /// <summary>Route template and ISO country code, <c>route TAB country</c>.</summary>
    RouteCountry = 15,

    /// <summary>Route template and browser family, <c>route TAB browser</c>.</summary>
    RouteBrowser = 16,

    /// <summary>
    /// ISO country code and city, <c>country TAB city</c>, empty city when unknown; the row also sums the coordinates
    /// of its located records (<see cref="RollupSums.Located"/>), so the map can place the city.
    /// </summary>
    City = 17,

    /// <summary>
    /// Distinct visitors first seen in the bucket (day or month), per application and bot flag; key is empty and
    /// <c>hits</c> holds the count. Not a partition of the requests: the only kind whose hits are not requests.
    /// </summary>
    VisitorCount = 18,

    /// <summary>Request path (as <see cref="Path"/>) and status code, <c>path TAB status</c>; summed over the wide window.</summary>
    PathStatus = 19,

    /// <summary>
    /// Request path and ISO country code, <c>path TAB country</c>; kept per day only, summed over the wide window (about
    /// one key per path and client country: too many to write every second, too many to keep per 15 minutes).
    /// </summary>
    PathCountry = 20,

    /// <summary>Request path and browser family, <c>path TAB browser</c>; kept per day only, as <see cref="PathCountry"/>.</summary>
    PathBrowser = 21,
}
