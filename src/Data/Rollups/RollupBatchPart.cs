namespace UsageDashboard.Data.Rollups;

/// <summary>Which dimensions a <see cref="RollupBatch"/> sums; the two parts are flushed on different schedules.</summary>
internal enum RollupBatchPart
{
    /// <summary>Totals, routes, paths, browsers, platforms, languages, countries, status codes and latency: few keys per bucket.</summary>
    Narrow,

    /// <summary>Remote addresses and visitors: about one key per client, so they are summed over a longer window.</summary>
    Wide,
}
