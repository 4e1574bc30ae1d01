using System.Collections.Concurrent;
using System.Globalization;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Records pre-aggregated in memory: one entry per 15-minute bucket, application, route group and dimension
/// key, so the database sees one upsert row per distinct key instead of one per record.
/// </summary>
/// <remarks>
/// <para>Each record touches only its base bucket (plus its visitor day); day and month rows are derived from
/// the base entries once per flush by <see cref="Expand"/>, which is far cheaper than three dictionary updates
/// per dimension per record.</para>
/// <para>Remote addresses, visitors, the path's counts, latency, statuses, countries and browsers, and the route's countries
/// and browsers (summed from its paths') are the high-cardinality dimensions (<see cref="RollupBatchPart.Wide"/>), summed
/// over a longer window than the others, so that a key seen many times costs one upsert row per bucket and window instead
/// of one per flush (readers take the newest buckets of these kinds from raw rows: <see cref="RollupRange"/>). Remote
/// addresses and visitors are kept per application only, without the route group (as the original's summaries, which
/// have no blueprint).</para>
/// <para>The key derivations here are mirrored in SQL by <see cref="RollupSql"/> for rebuilds; the two must
/// agree exactly, or a rebuild would move hits between keys.</para>
/// </remarks>
internal sealed class RollupBatch(RollupBatchPart part)
{
    private static readonly string[] StatusText = Enumerable.Range(0, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly RollupKeyIds _ids = new();
    private long _lastBase = long.MinValue;

    /// <summary>Base-bucket sums of the narrow part, per scope.</summary>
    private readonly ScopeTable<ScopeKey, ScopeSums> _scopes = new();

    /// <summary>Base-bucket sums of the wide part (remote addresses, visitors, paths), per scope.</summary>
    private readonly ScopeTable<WideScopeKey, WideScopeSums> _wide = new();

    /// <summary>Paths met through another route group or route than the one their scope's entry was made for.</summary>
    private readonly Dictionary<PathKey, PathSums> _otherPaths = new(8);

    /// <summary>Distinct keys held: what bounds the memory of a part held for the wide window.</summary>
    public int KeyCount => _scopes.Entries.Count + _otherPaths.Count + _wide.Entries.Values.Sum(w => w.KeyCount);

    public int RecordCount { get; private set; }

    /// <summary>Which dimensions this batch sums.</summary>
    public RollupBatchPart Part { get; } = part;

    /// <summary>Whether <paramref name="kind"/> is stored without the route group.</summary>
    public static bool IsGroupless(RollupDimension kind) => kind is RollupDimension.Remote or RollupDimension.Visitor;

    /// <summary>
    /// Whether the count and latency rows of <paramref name="kind"/> are kept per hour as well. The paths', which a table of
    /// every path sums over a partial day's hours; and the totals, routes, statuses and countries that the overview reads:
    /// its time series sums every 15-minute total row of the range (hours are a quarter of them), and its lists the partial
    /// days'. A few keys each, so their hour rows add little to a flush. Kinds read only as whole days, or whose keys are
    /// many, keep none.
    /// </summary>
    public static bool IsKeptPerHour(RollupDimension kind) =>
        kind is RollupDimension.Total or RollupDimension.Route or RollupDimension.Path or RollupDimension.Country or RollupDimension.Status;

    /// <summary>
    /// Whether <paramref name="kind"/> is summed in the <see cref="RollupBatchPart.Wide"/> part, held for the wide window:
    /// readers take its buckets past <see cref="RollupRange.WideSettledMs"/> from raw rows.
    /// </summary>
    public static bool IsWide(RollupDimension kind) =>
        kind is RollupDimension.Remote or RollupDimension.Visitor or RollupDimension.Path or RollupDimension.PathStatus
            or RollupDimension.PathCountry or RollupDimension.PathBrowser or RollupDimension.RouteCountry or RollupDimension.RouteBrowser;

    /// <summary>Whether <paramref name="kind"/> is kept in day rows only (no 15-minute or month rows).</summary>
    public static bool IsDayOnly(RollupDimension kind) =>
        kind is RollupDimension.Visitor or RollupDimension.PathCountry or RollupDimension.PathBrowser;

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
        var bucket = BaseStart(ms);
        var app = r.ServerName ?? "";
        var bot = r.IsBot;
        var us = RollupHistogram.ToMicroseconds(r.Speed);
        var group = r.Blueprint ?? "";
        var route = RouteKey(r);
        var counts = CountSums.Of(r, us);
        if (Part == RollupBatchPart.Wide)
        {
            var wide = _wide.Of(new WideScopeKey(bucket, app, bot));
            wide.Remote(r.RemoteAddr ?? "").Add(in counts);
            var visitor = r.VisitorId ?? r.RemoteAddr;
            if (!string.IsNullOrEmpty(visitor))
            {
                var sums = wide.Visitor(visitor);
                sums.Add(in counts);
                sums.See(ms);
            }

            // Per path: as many keys as paths (times statuses, countries, browsers), which can be any number.
            var path = wide.Path(r.Path, group, route) ?? SumsTable.Of(_otherPaths, new PathKey(bucket, app, group, bot, r.Path, route));
            path.Add(r, us, in counts, _ids);
            return;
        }

        var scope = _scopes.Of(new ScopeKey(bucket, app, group, bot));
        var status = StatusKey(r.Status);
        var recent = scope.Recent;
        if (!recent.IsSet || !recent.Matches(r, route, status))
        {
            recent.Resolve(scope, _ids, r, route, status, VersionSuffix(r.BrowserVersion));
        }

        foreach (var sums in recent.Counts)
        {
            sums.Add(in counts);
        }

        var city = recent.City;
        if (r.Latitude is >= -90 and <= 90 && r.Longitude is >= -180 and <= 180 && !string.IsNullOrEmpty(r.City))
        {
            var lon = r.Longitude.Value;
            city.Located++;
            city.LatitudeSum += r.Latitude.Value;
            city.LongitudeSum += lon;
            city.AbsLongitudeSum += Math.Abs(lon);
            if (lon < 0)
            {
                city.West++;
            }
        }

        recent.Latency.Add(us, LatencyHistogram.BucketOf(r.Speed));
    }

    /// <summary><c>first TAB second</c>, the key of the two-part dimensions (SQL: <see cref="RollupSql.Pair"/>).</summary>
    public static string Pair(string first, string? second) => string.Concat(first, "\t", second ?? "");

    /// <summary>
    /// Every row to upsert: the base entries plus the hour (<see cref="IsKeptPerHour"/>), day and month rows summed from them,
    /// each list sorted in primary-key order (neighbouring b-tree pages on SQLite; one lock order for concurrent
    /// PostgreSQL writers).
    /// Leaves the batch unchanged, so a failed flush can be retried with more records added.
    /// </summary>
    public RollupRows Expand()
    {
        var paths = _otherPaths.Count + _wide.Entries.Values.Sum(w => w.Paths.Count);
        var counts = new Dictionary<RollupKey, RollupSums>(_wide.Entries.Values.Sum(w => w.KeyCount) * 2);
        var latency = new Dictionary<LatencyKey, LatencySums>(paths * 4);
        foreach (var (k, v) in _scopes.Entries)
        {
            const RollupPeriod b = RollupPeriod.Base;
            counts[new RollupKey(b, RollupDimension.Total, k.BucketStart, k.App, k.Group, k.Bot, "")] = v.Total;
            foreach (var (packed, sums) in v.Keys)
            {
                var (kind, first, second) = RollupKeyIds.Unpack(packed);
                counts[new RollupKey(b, kind, k.BucketStart, k.App, k.Group, k.Bot, KeyText(kind, first, second))] = sums;
            }

            // The scope's total latency is the routes' merged (routes partition the requests): one row per scope that a
            // time series or overview reads instead of one per route.
            var total = new LatencySums();
            foreach (var (route, sums) in v.RouteLatency)
            {
                latency[new LatencyKey(b, RollupDimension.Route, k.BucketStart, k.App, k.Group, k.Bot, _ids[route])] = sums;
                total.Merge(sums);
            }

            if (total.Count > 0)
            {
                latency[new LatencyKey(b, RollupDimension.Total, k.BucketStart, k.App, k.Group, k.Bot, "")] = total;
            }
        }

        foreach (var (scope, wide) in _wide.Entries)
        {
            foreach (var (address, sums) in wide.Remotes)
            {
                counts[new RollupKey(RollupPeriod.Base, RollupDimension.Remote, scope.BucketStart, scope.App, "", scope.Bot, address)] = sums;
            }

            // A visitor is summed per bucket and kept per day: the day's buckets are added together.
            var day = RollupBuckets.FloorBy(scope.BucketStart, RollupBuckets.DayMs);
            foreach (var (visitor, sums) in wide.Visitors)
            {
                Accumulate(counts, new RollupKey(RollupPeriod.Day, RollupDimension.Visitor, day, scope.App, "", scope.Bot, visitor), sums);
            }

            foreach (var (path, sums) in wide.Paths)
            {
                ExpandPath(counts, latency, new PathKey(scope.BucketStart, scope.App, sums.Group, scope.Bot, path, sums.Route), sums);
            }
        }

        foreach (var (k, v) in _otherPaths)
        {
            ExpandPath(counts, latency, k, v);
        }

        foreach (var (k, v) in counts.ToArray())
        {
            if (k.Period != RollupPeriod.Base)
            {
                continue;
            }

            if (IsKeptPerHour(k.Kind))
            {
                Accumulate(counts, k with { Period = RollupPeriod.Hour, BucketStart = RollupBuckets.FloorBy(k.BucketStart, RollupBuckets.HourMs) }, v);
            }

            Accumulate(counts, k with { Period = RollupPeriod.Day, BucketStart = RollupBuckets.FloorBy(k.BucketStart, RollupBuckets.DayMs) }, v);
            Accumulate(counts, k with { Period = RollupPeriod.Month, BucketStart = RollupBuckets.Floor(RollupPeriod.Month, k.BucketStart) }, v);
        }

        foreach (var (k, v) in latency.ToArray())
        {
            if (IsKeptPerHour(k.Kind))
            {
                Accumulate(latency, k with { Period = RollupPeriod.Hour, BucketStart = RollupBuckets.FloorBy(k.BucketStart, RollupBuckets.HourMs) }, v);
            }

            Accumulate(latency, k with { Period = RollupPeriod.Day, BucketStart = RollupBuckets.FloorBy(k.BucketStart, RollupBuckets.DayMs) }, v);
            Accumulate(latency, k with { Period = RollupPeriod.Month, BucketStart = RollupBuckets.Floor(RollupPeriod.Month, k.BucketStart) }, v);
        }

        var countRows = counts.ToArray();
        Array.Sort(countRows, static (x, y) => x.Key.CompareTo(y.Key));
        var latencyRows = latency.ToArray();
        Array.Sort(latencyRows, static (x, y) => x.Key.CompareTo(y.Key));
        return new RollupRows(countRows, latencyRows);
    }

    /// <summary>The rows of one path's sums: its own, its statuses', and its and its route's countries' and browsers'.</summary>
    private void ExpandPath(Dictionary<RollupKey, RollupSums> counts, Dictionary<LatencyKey, LatencySums> latency, PathKey k, PathSums v)
    {
        const RollupPeriod b = RollupPeriod.Base;
        var day = RollupBuckets.FloorBy(k.BucketStart, RollupBuckets.DayMs);
        // Accumulated, not assigned: a path requested through two routes (by two methods) has an entry per route.
        Accumulate(latency, new LatencyKey(b, RollupDimension.Path, k.BucketStart, k.App, k.Group, k.Bot, k.Path), v.Latency);

        // The statuses partition the path's requests: their sums are its own.
        var path = SumsTable.Of(counts, new RollupKey(b, RollupDimension.Path, k.BucketStart, k.App, k.Group, k.Bot, k.Path));
        foreach (var (status, sums) in v.Statuses)
        {
            Accumulate(counts, new RollupKey(b, RollupDimension.PathStatus, k.BucketStart, k.App, k.Group, k.Bot, Pair(k.Path, StatusKey(status))), sums);
            path.Add(in sums);
        }

        // A route's countries and browsers are its paths'.
        foreach (var (id, sums) in v.Countries)
        {
            var country = _ids[id];
            Accumulate(counts, new RollupKey(RollupPeriod.Day, RollupDimension.PathCountry, day, k.App, k.Group, k.Bot, Pair(k.Path, country)), sums);
            Accumulate(counts, new RollupKey(b, RollupDimension.RouteCountry, k.BucketStart, k.App, k.Group, k.Bot, Pair(k.Route, country)), sums);
        }

        foreach (var (id, sums) in v.Browsers)
        {
            var browser = _ids[id];
            Accumulate(counts, new RollupKey(RollupPeriod.Day, RollupDimension.PathBrowser, day, k.App, k.Group, k.Bot, Pair(k.Path, browser)), sums);
            Accumulate(counts, new RollupKey(b, RollupDimension.RouteBrowser, k.BucketStart, k.App, k.Group, k.Bot, Pair(k.Route, browser)), sums);
        }
    }

    /// <summary>
    /// The key of a narrow row from its text numbers: the one text of a single-key kind; "Chrome 120" (family and version
    /// suffix) for a browser version; the TAB-joined pair for the other pairs.
    /// </summary>
    private string KeyText(RollupDimension kind, int first, int? second) => second switch
    {
        null => _ids[first],
        { } s when kind == RollupDimension.BrowserVersion => _ids[first] + _ids[s],
        { } s => Pair(_ids[first], _ids[s]),
    };

    /// <summary>The route template; the path when no endpoint matched (SQL: <c>COALESCE(route, path)</c>).</summary>
    public static string RouteKey(UsageRecord r) => r.Route ?? r.Path;

    // Versions repeat endlessly (a handful per browser release): each suffix is made once, up to a bound.
    private static readonly ConcurrentDictionary<string, string> Suffixes = new(StringComparer.Ordinal);

    /// <summary><c> 120</c> (space, major) from <c>120.0.1</c>; empty without a version.</summary>
    private static string VersionSuffix(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return "";
        }

        if (Suffixes.TryGetValue(version, out var suffix))
        {
            return suffix;
        }

        var dot = version.IndexOf('.', StringComparison.Ordinal);
        suffix = " " + (dot < 0 ? version : version[..dot]);
        if (Suffixes.Count < 10_000)
        {
            Suffixes.TryAdd(version, suffix);
        }

        return suffix;
    }

    private static void Accumulate(Dictionary<RollupKey, RollupSums> into, RollupKey key, RollupSums add) => SumsTable.Of(into, key).Add(add);

    private static void Accumulate(Dictionary<RollupKey, RollupSums> into, RollupKey key, in CountSums add) => SumsTable.Of(into, key).Add(in add);

    private static void Accumulate(Dictionary<LatencyKey, LatencySums> into, LatencyKey key, LatencySums add) => SumsTable.Of(into, key).Merge(add);

    /// <summary>The status as a key (SQL: <c>CAST(status AS TEXT)</c>).</summary>
    private static string StatusKey(int status) =>
        status is >= 0 and < 1000 ? StatusText[status] : status.ToString(CultureInfo.InvariantCulture);

    // Records of a batch arrive in time order and mostly share a bucket; remember the last answer.
    private long BaseStart(long ms)
    {
        if (_lastBase == long.MinValue || ms < _lastBase || ms >= _lastBase + RollupBuckets.BaseMs)
        {
            _lastBase = RollupBuckets.FloorBy(ms, RollupBuckets.BaseMs);
        }

        return _lastBase;
    }
}
