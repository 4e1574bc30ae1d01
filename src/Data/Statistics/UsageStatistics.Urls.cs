using UsageDashboard.Data.Statistics.Sql;

namespace UsageDashboard.Data.Statistics;

internal sealed partial class UsageStatistics
{
    public async Task<PagedResult<UrlStatistics>> GetUrlsAsync(UsageFilter filter, UrlTableQuery query, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        ArgumentNullException.ThrowIfNull(query);
        RequireRange(query.PageSize, 1, UrlTableQuery.MaxPageSize, nameof(query.PageSize));
        var page = Math.Max(1, query.Page);
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var url = SqlFilter.UrlColumn(query.Grouping);
        var f = SqlFilter.For(d, filter);
        if (!string.IsNullOrEmpty(query.Search))
        {
            f.And(d.Contains(url, f.Add(query.Search)));
        }

        var percentileSort = query.Sort is UrlSort.P50Latency or UrlSort.P95Latency or UrlSort.P99Latency;
        var direction = query.Descending ? "DESC" : "ASC";
        var order = query.Sort switch
        {
            UrlSort.Url => $"{d.Ordinal("u")} {direction}",
            UrlSort.ErrorRate => $"CAST({ServerErrorCount} AS DOUBLE PRECISION) / COUNT(*) {direction}, {d.Ordinal("u")}",
            UrlSort.AverageLatency => $"AVG(speed) {direction}, {d.Ordinal("u")}",
            UrlSort.MaxLatency => $"MAX(speed) {direction}, {d.Ordinal("u")}",
            UrlSort.Bytes => $"SUM(content_length) {direction}, {d.Ordinal("u")}",
            _ => $"COUNT(*) {direction}, {d.Ordinal("u")}",
        };

        // Percentile sorts need every group's histogram; other sorts page in SQL and fetch histograms for one page only.
        var paging = percentileSort ? "" : $"LIMIT {query.PageSize} OFFSET {(long)(page - 1) * query.PageSize}";
        var aggregateSql = $"""
            SELECT u, COUNT(*), {ServerErrorCount}, AVG(speed), MAX(speed), CAST(SUM(content_length) AS BIGINT), COUNT(*) OVER ()
            FROM (SELECT {url} AS u, status, speed, content_length FROM {Table} {f.Where}) s
            GROUP BY u
            ORDER BY {order}
            {paging}
            """;
        var aggregates = await _sql.QueryAsync(aggregateSql, f.Parameters,
            r => (Url: r.String(0) ?? "", Count: r.Long(1), Server: r.Long(2), Avg: r.Double(3), Max: r.Double(4), Bytes: r.Long(5), Total: r.Long(6)),
            cancellationToken).ConfigureAwait(false);

        long total;
        if (aggregates.Count > 0)
        {
            total = aggregates[0].Total;
        }
        else if (page == 1)
        {
            total = 0;
        }
        else
        {
            // Past the last page: the window total is not available without rows, count the groups instead.
            var countSql = $"SELECT COUNT(*) FROM (SELECT {url} AS u FROM {Table} {f.Where} GROUP BY {url}) s";
            total = (await _sql.QueryAsync(countSql, f.Parameters, r => r.Long(0), cancellationToken).ConfigureAwait(false))[0];
        }

        var histograms = await UrlHistogramsAsync(d, filter, query, url, percentileSort ? null : aggregates.Select(a => a.Url).ToList(), cancellationToken)
            .ConfigureAwait(false);
        var rows = aggregates.Select(a =>
        {
            var h = histograms.GetValueOrDefault(a.Url) ?? new LatencyAccumulator();
            return new UrlStatistics(a.Url, a.Count, a.Server, a.Avg * 1000,
                h.Percentile(0.5) ?? 0, h.Percentile(0.95) ?? 0, h.Percentile(0.99) ?? 0, a.Max * 1000, a.Bytes);
        });

        if (percentileSort)
        {
            Func<UrlStatistics, double> key = query.Sort switch
            {
                UrlSort.P50Latency => r => r.P50LatencyMs,
                UrlSort.P95Latency => r => r.P95LatencyMs,
                _ => r => r.P99LatencyMs,
            };
            var sorted = query.Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
            rows = sorted.ThenBy(r => r.Url, StringComparer.Ordinal).Skip((page - 1) * query.PageSize).Take(query.PageSize);
        }

        return new PagedResult<UrlStatistics>(rows.ToList(), total, page, query.PageSize);
    }

    /// <summary>Latency histograms per URL, for the given URLs only or (null) for all.</summary>
    private async Task<Dictionary<string, LatencyAccumulator>> UrlHistogramsAsync(
        SqlDialect d, UsageFilter filter, UrlTableQuery query, string url, List<string>? only, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, LatencyAccumulator>(StringComparer.Ordinal);
        if (only is { Count: 0 })
        {
            return result;
        }

        var f = SqlFilter.For(d, filter);
        if (!string.IsNullOrEmpty(query.Search))
        {
            f.And(d.Contains(url, f.Add(query.Search)));
        }

        if (only is not null)
        {
            f.And($"{url} IN ({string.Join(", ", only.Select(u => f.Add(u)))})");
        }

        var sql = $"""
            SELECT u, lb, COUNT(*), MIN(speed), MAX(speed)
            FROM (SELECT {url} AS u, {LatencyBucket} AS lb, speed FROM {Table} {f.Where}) s
            GROUP BY u, lb
            """;
        var rows = await _sql.QueryAsync(sql, f.Parameters,
            r => (Url: r.String(0) ?? "", Bucket: r.Int(1), Count: r.Long(2), Min: r.Double(3), Max: r.Double(4)),
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (!result.TryGetValue(row.Url, out var acc))
            {
                result[row.Url] = acc = new LatencyAccumulator();
            }

            acc.Add(row.Bucket, row.Count, row.Min, row.Max);
        }

        return result;
    }

    public async Task<UrlDetail> GetUrlDetailAsync(UsageFilter filter, UrlKey url, int recentCount = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        RequireRange(recentCount, 0, 1000, nameof(recentCount));
        filter = Normalize(filter) with { Url = url };
        var (first, last, sizeMs) = BucketRange(filter, null);
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var f = SqlFilter.For(d, filter);

        // One pass gives the summary row, the percentiles over time and the histogram.
        var latencySql = $"""
            SELECT tb, lb, COUNT(*), {ServerErrorCount}, SUM(speed), MIN(speed), MAX(speed), CAST(SUM(content_length) AS BIGINT)
            FROM (SELECT {d.TimeBucketIndex(sizeMs)} AS tb, {LatencyBucket} AS lb, status, speed, content_length FROM {Table} {f.Where}) s
            GROUP BY tb, lb
            """;
        var latencyTask = _sql.QueryAsync(latencySql, f.Parameters,
            r => (Time: r.Long(0), Bucket: r.Int(1), Count: r.Long(2), Server: r.Long(3), Sum: r.Double(4), Min: r.Double(5), Max: r.Double(6), Bytes: r.Long(7)),
            cancellationToken);
        var statusTask = StatusSeriesAsync(d, filter, first, last, sizeMs, cancellationToken);
        var countriesTask = CountriesAsync(filter, 10, cancellationToken);
        var browsersTask = TopAsync(d, SqlFilter.For(d, filter), "NULLIF(browser, '')", 10, cancellationToken);
        var recentTask = recentCount == 0
            ? Task.FromResult<IReadOnlyList<Tracker.UsageRecord>>([])
            : RecentAsync(filter, recentCount, cancellationToken);

        var latencyRows = await latencyTask.ConfigureAwait(false);
        var overall = new LatencyAccumulator();
        long server = 0, bytes = 0;
        double sum = 0, max = 0;
        foreach (var row in latencyRows)
        {
            overall.Add(row.Bucket, row.Count, row.Min, row.Max);
            server += row.Server;
            bytes += row.Bytes;
            sum += row.Sum;
            max = Math.Max(max, row.Max);
        }

        var summary = overall.Count == 0
            ? null
            : new UrlStatistics(url.Value, overall.Count, server, sum / overall.Count * 1000,
                overall.Percentile(0.5) ?? 0, overall.Percentile(0.95) ?? 0, overall.Percentile(0.99) ?? 0, max * 1000, bytes);

        var byTime = latencyRows.ToLookup(r => r.Time);
        var latency = new List<LatencyPoint>((int)(last - first + 1));
        for (var t = first; t <= last; t++)
        {
            var acc = new LatencyAccumulator();
            foreach (var row in byTime[t])
            {
                acc.Add(row.Bucket, row.Count, row.Min, row.Max);
            }

            latency.Add(new LatencyPoint(BucketStart(t, sizeMs), acc.Count, acc.Percentile(0.5), acc.Percentile(0.95), acc.Percentile(0.99)));
        }

        return new UrlDetail(url, summary, TimeSpan.FromMilliseconds(sizeMs), latency, overall.Buckets(),
            await statusTask.ConfigureAwait(false), await countriesTask.ConfigureAwait(false),
            await browsersTask.ConfigureAwait(false), await recentTask.ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<Tracker.UsageRecord>> RecentAsync(UsageFilter filter, int count, CancellationToken cancellationToken) =>
        (await GetRequestsAsync(filter, 1, count, cancellationToken).ConfigureAwait(false)).Items;
}
