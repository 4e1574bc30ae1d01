using System.Globalization;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// One batch of records pre-aggregated in memory: one entry per bucket, application, route group and
/// dimension key, so the database sees one upsert row per distinct key instead of one per record.
/// </summary>
/// <remarks>
/// The key derivations here are mirrored in SQL by <see cref="RollupSql"/> for rebuilds; the two must
/// agree exactly, or a rebuild would move hits between keys.
/// </remarks>
internal sealed class RollupBatch
{
    private static readonly string[] StatusText = Enumerable.Range(0, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
    private static readonly RollupPeriod[] Periods = [RollupPeriod.Base, RollupPeriod.Day, RollupPeriod.Month];

    private long _lastMonthSource = long.MinValue;
    private long _lastMonthStart;

    public Dictionary<RollupKey, RollupSums> Counts { get; } = new(1024);

    public Dictionary<LatencyKey, LatencySums> Latency { get; } = new(256);

    public int RecordCount { get; private set; }

    public void AddRange(IReadOnlyList<UsageRecord> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            Add(records[i]);
        }
    }

    public void Add(UsageRecord r)
    {
        RecordCount++;
        var ms = RollupBuckets.ToUnixMs(r.Date);
        var app = r.ServerName ?? "";
        var group = r.Blueprint ?? "";
        var us = RollupHistogram.ToMicroseconds(r.Speed);
        var histogramBucket = LatencyHistogram.BucketOf(r.Speed);
        var route = RouteKey(r);
        var status = r.Status is >= 0 and < 1000 ? StatusText[r.Status] : r.Status.ToString(CultureInfo.InvariantCulture);
        var browserVersion = BrowserVersionKey(r.Browser, r.BrowserVersion);
        var visitor = r.VisitorId ?? r.RemoteAddr;

        foreach (var period in Periods)
        {
            var bucket = period == RollupPeriod.Month ? MonthStart(ms) : RollupBuckets.Floor(period, ms);
            AddCount(new RollupKey(period, RollupDimension.Total, bucket, app, group, ""), r, us);
            AddCount(new RollupKey(period, RollupDimension.Route, bucket, app, group, route), r, us);
            AddCount(new RollupKey(period, RollupDimension.Path, bucket, app, group, r.Path), r, us);
            AddCount(new RollupKey(period, RollupDimension.Remote, bucket, app, group, r.RemoteAddr ?? ""), r, us);
            AddCount(new RollupKey(period, RollupDimension.Browser, bucket, app, group, r.Browser ?? ""), r, us);
            AddCount(new RollupKey(period, RollupDimension.BrowserVersion, bucket, app, group, browserVersion), r, us);
            AddCount(new RollupKey(period, RollupDimension.Platform, bucket, app, group, r.Platform ?? ""), r, us);
            AddCount(new RollupKey(period, RollupDimension.Language, bucket, app, group, r.Language ?? ""), r, us);
            AddCount(new RollupKey(period, RollupDimension.Country, bucket, app, group, r.CountryCode ?? ""), r, us);
            AddCount(new RollupKey(period, RollupDimension.Status, bucket, app, group, status), r, us);
            if (period == RollupPeriod.Day && !string.IsNullOrEmpty(visitor))
            {
                AddCount(new RollupKey(period, RollupDimension.Visitor, bucket, app, group, visitor), r, us);
            }

            var latencyKey = new LatencyKey(period, bucket, app, group, route);
            if (!Latency.TryGetValue(latencyKey, out var latency))
            {
                latency = new LatencySums();
                Latency.Add(latencyKey, latency);
            }

            latency.Add(us, histogramBucket);
        }
    }

    /// <summary>The route template; the path when no endpoint matched (SQL: <c>COALESCE(route, path)</c>).</summary>
    public static string RouteKey(UsageRecord r) => r.Route ?? r.Path;

    /// <summary>
    /// <c>Chrome 120</c> from browser <c>Chrome</c> and version <c>120.0.1</c>; the family alone without a version.
    /// </summary>
    public static string BrowserVersionKey(string? browser, string? version)
    {
        var family = browser ?? "";
        if (string.IsNullOrEmpty(version))
        {
            return family;
        }

        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return family + " " + (dot < 0 ? version : version[..dot]);
    }

    private void AddCount(RollupKey key, UsageRecord r, long us)
    {
        if (!Counts.TryGetValue(key, out var sums))
        {
            sums = new RollupSums();
            Counts.Add(key, sums);
        }

        sums.Hits++;
        sums.Bytes += r.ContentLength;
        sums.DurationSumUs += us;
        if (r.Status >= 500)
        {
            sums.Errors++;
        }
        else if (r.Status >= 400)
        {
            sums.ClientErrors++;
        }
    }

    // Records of a batch nearly always share a month; remember the last answer instead of building dates.
    private long MonthStart(long ms)
    {
        var day = RollupBuckets.FloorBy(ms, RollupBuckets.DayMs);
        if (day != _lastMonthSource)
        {
            _lastMonthSource = day;
            _lastMonthStart = RollupBuckets.Floor(RollupPeriod.Month, ms);
        }

        return _lastMonthStart;
    }
}
