using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Data.Statistics.Sql;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The URL table and the URL page from rollups: counts from the Route or Path rows, latency from usage_latency_rollups,
/// and on the URL page statuses, countries and browsers from the RouteStatus, RouteCountry and RouteBrowser rows (or
/// their Path twins). Raw rows only for the partial 15-minute edges, the partial days of the kinds kept per day, and
/// the URL page's recent requests.
/// </summary>
internal sealed partial class RollupUsageStatistics
{
    public async Task<PagedResult<UrlStatistics>> GetUrlsAsync(UsageFilter filter, UrlTableQuery query, CancellationToken cancellationToken = default)
    {
        filter = PageFilter(filter);
        ArgumentNullException.ThrowIfNull(query);

        if (!Eligible(filter))
        {
            return await raw.GetUrlsAsync(filter, query, cancellationToken).ConfigureAwait(false);
        }

        if (query.PageSize is < 1 or > UrlTableQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, $"PageSize must be between 1 and {UrlTableQuery.MaxPageSize}.");
        }

        var page = Math.Max(1, query.Page);
        var (startMs, endMs) = Ms(filter);
        var search = string.IsNullOrEmpty(query.Search) ? null : query.Search;
        var kind = query.Grouping == UrlGrouping.Route ? RollupDimension.Route : RollupDimension.Path;

        // A path's counts and latency are summed over the wide window: their newest buckets come from raw rows.
        var settled = SettledMs(kind);
        // A day or month row less the rest of it sums far fewer rows when every URL is summed.
        var complemented = RollupRange.Split(startMs, endMs, useDays: true, settled, complement: true, KeptFrom());

        // Sorting by a latency the counts cannot give needs every route's latency; the other sorts page first
        // and read latency for the page's routes only.
        var latencySort = query.Sort is UrlSort.P50Latency or UrlSort.P95Latency or UrlSort.P99Latency or UrlSort.MaxLatency;
        var countsTask = UrlCountsAsync(kind, filter, complemented, search, cancellationToken);
        var allLatencyTask = latencySort
            ? SortableUrlLatencyAsync(kind, filter, complemented, query.Sort, search, cancellationToken)
            : null;
        var counts = await countsTask.ConfigureAwait(false);

        IEnumerable<UrlCount> ordered = query.Sort switch
        {
            UrlSort.Url => query.Descending
                ? counts.OrderByDescending(c => c.Url, StringComparer.Ordinal)
                : counts.OrderBy(c => c.Url, StringComparer.Ordinal),
            UrlSort.ErrorRate => Order(counts, c => (double)c.ServerErrors / c.Hits, query.Descending),
            UrlSort.AverageLatency => Order(counts, c => (double)c.DurationUs / c.Hits, query.Descending),
            UrlSort.Bytes => Order(counts, c => c.Bytes, query.Descending),
            _ => Order(counts, c => c.Hits, query.Descending),
        };

        List<UrlStatistics> rows;
        if (allLatencyTask is null)
        {
            // A page of URLs reads its few rows through the per-key index, where a complement's extra parts cost more
            // than they save.
            var pageUrls = ordered.Skip((page - 1) * query.PageSize).Take(query.PageSize).ToList();
            var byKey = RollupRange.Split(startMs, endMs, useDays: true, settled);
            var latency = pageUrls.Count == 0
                ? []
                : await UrlLatencyAsync(kind, filter, byKey, 0, null, pageUrls.Select(r => r.Url).ToList(), cancellationToken)
                    .ConfigureAwait(false);
            rows = pageUrls.Select(c => Row(c, latency.GetValueOrDefault((c.Url, 0L)))).ToList();
        }
        else
        {
            // Every sort key is exact; the page's other values may still need the extremes of a complement's part.
            var latency = await allLatencyTask.ConfigureAwait(false);
            Func<UrlStatistics, double> key = query.Sort switch
            {
                UrlSort.P50Latency => r => r.P50LatencyMs,
                UrlSort.P95Latency => r => r.P95LatencyMs,
                UrlSort.P99Latency => r => r.P99LatencyMs,
                _ => r => r.MaxLatencyMs,
            };
            var all = counts.Select(c => (Count: c, Row: Row(c, latency.GetValueOrDefault((c.Url, 0L)).Sums))).ToList();
            var pageCounts = Order(all, r => r.Row.Url, r => key(r.Row), query.Descending)
                .Skip((page - 1) * query.PageSize).Take(query.PageSize).Select(r => r.Count).ToList();
            await ReadUnreadExtremesAsync(latency, kind, filter, complemented, pageCounts.Select(c => c.Url), cancellationToken).ConfigureAwait(false);
            rows = pageCounts.Select(c => Row(c, latency.GetValueOrDefault((c.Url, 0L)).Sums)).ToList();
        }

        return new PagedResult<UrlStatistics>(rows, counts.Count, page, query.PageSize);
    }

    public async Task<UrlDetail> GetUrlDetailAsync(UsageFilter filter, UrlKey url, int recentCount = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        filter = PageFilter(filter);
        var sizeMs = (long)TimeBuckets.Choose(filter.Duration).TotalMilliseconds;

        // Series finer than the 15-minute base bucket need raw rows.
        if (!Eligible(filter with { Url = null }) || sizeMs % RollupBuckets.BaseMs != 0)
        {
            return await raw.GetUrlDetailAsync(filter, url, recentCount, cancellationToken).ConfigureAwait(false);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(recentCount, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recentCount, 1000);
        var (startMs, endMs) = Ms(filter);
        var first = RollupBuckets.FloorBy(startMs, sizeMs) / sizeMs;
        var last = RollupBuckets.FloorBy(endMs - 1, sizeMs) / sizeMs;
        var byPath = url.Grouping == UrlGrouping.Path;
        var (single, status, country, browser) = byPath
            ? (RollupDimension.Path, RollupDimension.PathStatus, RollupDimension.PathCountry, RollupDimension.PathBrowser)
            : (RollupDimension.Route, RollupDimension.RouteStatus, RollupDimension.RouteCountry, RollupDimension.RouteBrowser);

        // The URL's own rows and its statuses are wide for a path and narrow for a route; its countries and browsers are wide
        // for both, so a route's read of its totals with them stops where they do.
        var byTime = RollupRange.Split(startMs, endMs, useDays: sizeMs % RollupBuckets.DayMs == 0, SettledMs(single));
        var audienceSettled = SettledMs(country);
        var latencyTask = UrlLatencyAsync(single, filter, byTime, sizeMs, null, [url.Value], cancellationToken);
        var statusTask = UrlKeysAsync(filter, byTime, sizeMs, [status], single, url.Value, cancellationToken);

        // A path's totals are its status rows' (read through the per-path index, where its own rows would mean scanning
        // every path's); its countries and browsers are kept per day only: whole days from day rows, the rest from raw rows.
        var keysTask = byPath
            ? null
            : UrlKeysAsync(filter, RollupRange.Split(startMs, endMs, useDays: true, audienceSettled), 0, [single, country, browser], single, url.Value, cancellationToken);
        var audienceTask = byPath
            ? UrlKeysAsync(filter, RollupRange.SplitDays(startMs, endMs, audienceSettled), 0, [country, browser], single, url.Value, cancellationToken)
            : null;
        var recentTask = RecentAsync(filter with { Url = url }, recentCount, cancellationToken);

        var latency = await latencyTask.ConfigureAwait(false);
        var statuses = await statusTask.ConfigureAwait(false);
        var keys = keysTask is null ? [] : await keysTask.ConfigureAwait(false);
        var totals = byPath ? statuses : keys.Where(k => k.Kind == single).ToList();
        if (audienceTask is not null)
        {
            keys.AddRange(await audienceTask.ConfigureAwait(false));
        }

        var overall = new LatencySums();
        foreach (var row in latency.Values)
        {
            overall.Merge(row);
        }

        var summary = overall.Count == 0
            ? null
            : Row(new UrlCount(url.Value,
                    overall.Count,
                    totals.Sum(k => k.Bytes),
                    statuses.Where(s => StatusOf(s.Second) >= 500).Sum(s => s.Hits),
                    overall.SumUs),
                overall);

        var latencyPoints = new List<LatencyPoint>((int)(last - first + 1));
        var statusCounts = new long[last - first + 1, 6];
        foreach (var s in statuses)
        {
            if (s.Time >= first && s.Time <= last)
            {
                statusCounts[s.Time - first, SeriesClass(StatusOf(s.Second))] += s.Hits;
            }
        }

        var statusPoints = new List<StatusClassPoint>(statusCounts.GetLength(0));
        for (var t = first; t <= last; t++)
        {
            var start = RollupBuckets.FromUnixMs(t * sizeMs);
            var h = latency.GetValueOrDefault((url.Value, t));
            latencyPoints.Add(h is null
                ? new LatencyPoint(start, 0, null, null, null)
                : new LatencyPoint(start, h.Count, Percentile(h, 0.5), Percentile(h, 0.95), Percentile(h, 0.99)));
            var i = t - first;
            statusPoints.Add(new StatusClassPoint(start,
                statusCounts[i, 1], statusCounts[i, 2], statusCounts[i, 3], statusCounts[i, 4], statusCounts[i, 5], statusCounts[i, 0]));
        }

        var total = totals.Sum(k => k.Hits);
        var countries = keys.Where(k => k.Kind == country)
            .GroupBy(k => string.IsNullOrEmpty(k.Second) ? UsageFilter.UnknownCountryCode : k.Second, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Hits: g.Sum(k => k.Hits)))
            .OrderByDescending(c => c.Hits).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Take(10)
            .Select(c => new CountryCount(c.Code, CountryName(c.Code), c.Hits, total == 0 ? 0 : (double)c.Hits / total))
            .ToList();

        // The raw query sorts ties by browser with SQL's NULL (Unknown) placement: first on SQLite, last on PostgreSQL.
        var postgres = await IsPostgresAsync(cancellationToken).ConfigureAwait(false);
        var browsers = keys.Where(k => k.Kind == browser)
            .GroupBy(k => k.Second, StringComparer.Ordinal)
            .Select(g => (Browser: g.Key, Hits: g.Sum(k => k.Hits)))
            .OrderByDescending(b => b.Hits)
            .ThenBy(b => b.Browser.Length == 0 ? (postgres ? 1 : -1) : 0)
            .ThenBy(b => b.Browser, StringComparer.Ordinal)
            .Take(10)
            .Select(b => new NamedCount(b.Browser.Length == 0 ? Unknown : b.Browser, b.Hits, total == 0 ? 0 : (double)b.Hits / total))
            .ToList();

        return new UrlDetail(url, summary, TimeSpan.FromMilliseconds(sizeMs), latencyPoints, LatencyHistogram.Bars(overall.Histogram),
            statusPoints, countries, browsers, await recentTask.ConfigureAwait(false));
    }

    /// <summary>
    /// The URL's newest requests: a LIMIT query on raw rows (which no rollup can answer) with the request log's WHERE
    /// clause and order, but without the request log's total count, which would read every request of the URL.
    /// </summary>
    private async Task<IReadOnlyList<UsageRecord>> RecentAsync(UsageFilter filter, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await UsageStatistics.PageAsync(context, filter, 1, count, cancellationToken).ConfigureAwait(false);
    }

    private static IOrderedEnumerable<UrlCount> Order<TKey>(List<UrlCount> rows, Func<UrlCount, TKey> key, bool descending) =>
        Order(rows, r => r.Url, key, descending);

    /// <summary>By <paramref name="key"/> in the chosen direction, ties by URL ascending (as the raw query's ORDER BY).</summary>
    private static IOrderedEnumerable<T> Order<T, TKey>(List<T> rows, Func<T, string> url, Func<T, TKey> key, bool descending) =>
        (descending ? rows.OrderByDescending(key) : rows.OrderBy(key)).ThenBy(url, StringComparer.Ordinal);

    private static UrlStatistics Row(UrlCount c, LatencySums? latency) => new(
        c.Url, c.Hits, c.ServerErrors, c.Hits == 0 ? 0 : c.DurationUs / 1000.0 / c.Hits,
        latency is null ? 0 : Percentile(latency, 0.5) ?? 0, latency is null ? 0 : Percentile(latency, 0.95) ?? 0,
        latency is null ? 0 : Percentile(latency, 0.99) ?? 0,
        latency is null || latency.Count == 0 ? 0 : latency.MaxUs / 1000.0, c.Bytes);


    private sealed record UrlCount(string Url, long Hits, long Bytes, long ServerErrors, long DurationUs);

    /// <summary>Hits, bytes, duration and server errors per route or path (<paramref name="kind"/>).</summary>
    private async Task<List<UrlCount>> UrlCountsAsync(
        RollupDimension kind, UsageFilter filter, RollupRange range, string? search, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var parts = new List<string>();
        foreach (var ((period, from, to), sign) in range.SignedBuckets.SelectMany(b => RollupRange.WithHours(b.Bucket, kind).Select(piece => (piece, b.Sign))))
        {
            parts.Add($"SELECT dim_key AS u, {sign}hits AS h, {sign}bytes AS b, {sign}duration_sum_us AS d, {sign}errors AS e FROM {RollupSql.Counts} "
                + $"WHERE period = {(short)period} AND kind = {(short)kind} AND bucket_start >= {q.Add(from)} AND bucket_start < {q.Add(to)}"
                + q.RollupFilter(filter));
        }

        foreach (var (from, to) in range.Raw)
        {
            parts.Add($"SELECT {sql.RawKey(kind)} AS u, 1 AS h, content_length AS b, {sql.RawDurationUs} AS d, "
                + "CASE WHEN status >= 500 THEN 1 ELSE 0 END AS e "
                + $"FROM {RollupSql.Raw} WHERE date >= {q.AddRawDate(from)} AND date < {q.AddRawDate(to)}{q.RawFilter(filter)}");
        }

        var where = search is null ? "" : $" WHERE {sql.Dialect.Contains("u", q.Add(search))}";
        // A URL seen only in a subtracted part of a day sums to no hits.
        var text = $"SELECT u, SUM(h), SUM(b), SUM(d), SUM(e) FROM ({string.Join(" UNION ALL ", parts)}) s{where} GROUP BY u HAVING SUM(h) > 0";
        var result = new List<UrlCount>();
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            result.Add(new UrlCount(Convert.ToString(r[0], CultureInfo.InvariantCulture) ?? "", L(r[1]), L(r[2]), L(r[4]), L(r[3])));
        }

        return result;
    }

    private readonly record struct UrlKeyRow(RollupDimension Kind, long Time, string Second, long Hits, long Bytes);

    /// <summary>
    /// Hits and bytes of one route or path (<paramref name="url"/>, of kind <paramref name="single"/>) per kind, time
    /// bucket and second key part (status, country or browser; empty for <paramref name="single"/> itself) from the
    /// <c>url TAB second</c> rows and the raw edges.
    /// </summary>
    private async Task<List<UrlKeyRow>> UrlKeysAsync(UsageFilter filter, RollupRange range, long sizeMs, RollupDimension[] kinds,
        RollupDimension single, string url, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var time = sizeMs > 0 ? $"bucket_start / {sizeMs}" : "0";
        var rawTime = sizeMs > 0 ? sql.Dialect.TimeBucketIndex(sizeMs) : "0";
        var urlParameter = q.Add(url);
        var prefix = q.Add(url + "\t");
        var prefixEnd = q.Add(url + "\n");
        var parts = new List<string>();
        foreach (var kind in kinds)
        {
            // "url TAB ..." keys lie between "url TAB" and "url LF" bytewise: one range of the per-path index (whose
            // filter the query repeats word for word, as SQLite requires). The exact URL is checked below, as a URL may
            // itself hold a TAB.
            var pathKind = Configuration.UsageRollupConfiguration.PathKinds.Contains(kind);
            var key = kind == single
                ? $"{sql.KeyBytewise} = {urlParameter}"
                : $"{sql.KeyBytewise} >= {prefix} AND {sql.KeyBytewise} < {prefixEnd}"
                    + (pathKind ? $" AND {Configuration.UsageRollupConfiguration.PathKindsFilter}" : "");
            // Unary plus keeps SQLite's planner off the primary key (period, kind, bucket_start, ...) for the per-path kinds:
            // its statistics rate "every path's rows of the range" cheaper than "one path's key range", which is far smaller.
            // Not on PostgreSQL, whose planner needs the bare period to prune the read to one leaf (PostgreSqlRollupPartitioning).
            var unindexed = pathKind && !sql.IsPostgres ? "+" : "";
            foreach (var (period, from, to) in range.BucketsOf(kind, sizeMs))
            {
                parts.Add($"SELECT {(short)kind} AS kd, {time} AS tb, dim_key AS k, hits AS h, bytes AS b FROM {RollupSql.Counts} "
                    + $"WHERE {unindexed}period = {(short)period} AND kind = {(short)kind} "
                    + $"AND {unindexed}bucket_start >= {q.Add(from)} AND {unindexed}bucket_start < {q.Add(to)} "
                    + $"AND {key}{q.RollupFilter(filter)}");
            }
        }

        // Every kind's raw edges from one read of the URL's raw rows (those of hours of every URL, filtered by this one),
        // each row counted once per kind.
        var rawKeys = string.Join(", ", kinds.Select(k => $"{sql.RawKey(k)} AS k{(short)k}"));
        var rawKinds = string.Join(" UNION ALL ", kinds.Select(k => $"SELECT {(short)k} AS kd"));
        var rawKey = $"CASE x.kd {string.Join(" ", kinds.Select(k => $"WHEN {(short)k} THEN r.k{(short)k}"))} END";
        foreach (var ((from, to), sign) in range.SignedRaw)
        {
            parts.Add($"SELECT x.kd AS kd, r.tb AS tb, {rawKey} AS k, {sign}1 AS h, {sign}r.b AS b "
                + $"FROM (SELECT {rawTime} AS tb, {rawKeys}, content_length AS b FROM {RollupSql.Raw} "
                + $"WHERE date >= {q.AddRawDate(from)} AND date < {q.AddRawDate(to)} AND {sql.RawKey(single)} = {urlParameter}"
                + $"{q.RawFilter(filter)}{sql.Dialect.KeepSubquery}) r CROSS JOIN ({rawKinds}) x");
        }

        var text = $"SELECT kd, tb, k, SUM(h), SUM(b) FROM ({string.Join(" UNION ALL ", parts)}) s GROUP BY kd, tb, k";
        var rows = new List<UrlKeyRow>();
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            var kind = (RollupDimension)L(r[0]);
            var key = Convert.ToString(r[2], CultureInfo.InvariantCulture) ?? "";
            string second;
            if (kind == single)
            {
                second = "";
            }
            else
            {
                // The second part (status, country code, browser family) holds no TAB: split at the last one.
                var tab = key.LastIndexOf('\t');
                if (tab < 0 || !string.Equals(key[..tab], url, StringComparison.Ordinal))
                {
                    continue;
                }

                second = key[(tab + 1)..];
            }

            rows.Add(new UrlKeyRow(kind, L(r[1]), second, L(r[3]), L(r[4])));
        }

        return rows;
    }

    private long WideSettledMs() => RollupRange.WideSettledMs(time.GetUtcNow().UtcDateTime, options);

    /// <summary>The instant before which the rollups of <paramref name="kind"/> are complete (<see cref="RollupBatch.IsWide"/>).</summary>
    private long SettledMs(RollupDimension kind) => RollupBatch.IsWide(kind) ? WideSettledMs() : long.MaxValue;

    /// <summary>Where retention still keeps the 15-minute and daily rows that complements subtract.</summary>
    private RollupKeptFrom KeptFrom()
    {
        if (retention is null)
        {
            return RollupKeptFrom.All;
        }

        var now = time.GetUtcNow().UtcDateTime;
        static long From(DateTime now, int days) => days > 0 ? RollupBuckets.ToUnixMs(now.AddDays(-days)) : long.MinValue;
        return new RollupKeptFrom(From(now, retention.BaseDays), From(now, retention.DailyDays));
    }
}
