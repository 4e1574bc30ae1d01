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
}
