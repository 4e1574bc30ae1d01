namespace UsageDashboard.Data.Rollups;

/// <summary>
/// One row of <c>usage_latency_rollups</c>: latency count, sum, min, max and histogram per time bucket,
/// application, route group and route or path. Kept apart from <see cref="UsageRollup"/> because only the URL
/// dimensions (and the total, which is the sum over routes) need percentiles, and the histogram columns
/// would otherwise be carried by millions of remote-address rows.
/// </summary>
/// <remarks>
/// The histogram is one <c>bigint</c> column per <see cref="RollupHistogram"/> bucket (<c>h0</c>, <c>h1</c>, ...),
/// mapped as shadow properties: fixed columns are the only encoding both SQLite and PostgreSQL can add
/// together inside <c>ON CONFLICT DO UPDATE</c> and sum with plain <c>SUM()</c>.
/// </remarks>
internal sealed class UsageLatencyRollup
{
    public RollupPeriod Period { get; set; }

    /// <summary><see cref="RollupDimension.Total"/> (key empty), <see cref="RollupDimension.Route"/> or <see cref="RollupDimension.Path"/>: what <see cref="Key"/> holds.</summary>
    public RollupDimension Kind { get; set; }

    public long BucketStart { get; set; }

    public string App { get; set; } = "";

    public string Group { get; set; } = "";

    /// <summary>1 for requests flagged as bots, else 0.</summary>
    public short Bot { get; set; }

    /// <summary>Route template (the path when no endpoint matched) for route rows; the request path for path rows.</summary>
    public string Key { get; set; } = "";

    public long Count { get; set; }

    public long SumUs { get; set; }

    public long MinUs { get; set; }

    public long MaxUs { get; set; }
}
