namespace UsageDashboard.Data.Rollups;

/// <summary>Which dimensions a <see cref="RollupBatch"/> sums; the two parts are flushed on different schedules.</summary>
internal enum RollupBatchPart
{
    /// <summary>
    /// Totals, routes, routes by status, browsers, platforms, languages, countries, status codes and route latency: few keys
    /// per bucket.
    /// </summary>
    Narrow,

    /// <summary>
    /// Remote addresses and visitors, about one key per client, and paths, any number of them, with the routes' countries and
    /// browsers summed from the paths': summed over a longer window.
    /// </summary>
    Wide,
}
