using UsageDashboard.Data.Statistics.Sql;

namespace UsageDashboard.Data.Statistics;

internal sealed partial class UsageStatistics
{
    public async Task<OverviewStatistics> GetOverviewAsync(UsageFilter filter, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);

        // Both periods in one pass: rows from the previous start, tagged by period.
        var previousStart = filter.Start - filter.Duration;
        var f = SqlFilter.For(d, filter, previousStart);
        var period = $"CASE WHEN date >= {f.Add(d.DateValue(filter.Start))} THEN 1 ELSE 0 END";

        var histogramSql = $"""
            SELECT per, lb, COUNT(*), {ServerErrorCount}, {ClientErrorCount}, CAST(SUM(content_length) AS BIGINT), MIN(speed), MAX(speed)
            FROM (SELECT {period} AS per, {LatencyBucket} AS lb, status, content_length, speed FROM {Table} {f.Where}) s
            GROUP BY per, lb
            """;
        // Unique visitors are summed per UTC day (and application and bot flag): visitor ids are salted per day, so a
        // visitor cannot be followed across days, and the rollups keep exactly these daily counts.
        var visitorsSql = $"""
            SELECT per, COUNT(*)
            FROM (SELECT DISTINCT {period} AS per, {d.TimeBucketIndex(TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond)} AS day,
                         COALESCE(server_name, '') AS app, CASE WHEN is_bot THEN 1 ELSE 0 END AS bot, COALESCE(visitor_id, remote_addr) AS v
                  FROM {Table} {f.Where}) s
            WHERE v IS NOT NULL AND v <> ''
            GROUP BY per
            """;

        var histogramTask = _sql.QueryAsync(histogramSql, f.Parameters,
            r => (Period: r.Int(0), Bucket: r.Int(1), Count: r.Long(2), Server: r.Long(3), Client: r.Long(4), Bytes: r.Long(5), Min: r.Double(6), Max: r.Double(7)),
            cancellationToken);
        var visitorsTask = _sql.QueryAsync(visitorsSql, f.Parameters, r => (Period: r.Int(0), Visitors: r.Long(1)), cancellationToken);
        var histogram = await histogramTask.ConfigureAwait(false);
        var visitors = await visitorsTask.ConfigureAwait(false);

        PeriodSummary Summarize(int p)
        {
            var latency = new LatencyAccumulator();
            long server = 0, client = 0, bytes = 0;
            foreach (var row in histogram.Where(h => h.Period == p))
            {
                latency.Add(row.Bucket, row.Count, row.Min, row.Max);
                server += row.Server;
                client += row.Client;
                bytes += row.Bytes;
            }

            var unique = visitors.Where(v => v.Period == p).Sum(v => v.Visitors);
            return new PeriodSummary(latency.Count, unique, server, client, latency.Percentile(0.5), latency.Percentile(0.95), bytes);
        }

        return new OverviewStatistics(Summarize(1), Summarize(0));
    }

    public async Task<TimeSeries> GetTimeSeriesAsync(UsageFilter filter, TimeSpan? bucketSize = null, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        var (first, last, sizeMs) = BucketRange(filter, bucketSize);
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var f = SqlFilter.For(d, filter);
        var sql = $"""
            SELECT tb, lb, COUNT(*), {ServerErrorCount}, MIN(speed), MAX(speed)
            FROM (SELECT {d.TimeBucketIndex(sizeMs)} AS tb, {LatencyBucket} AS lb, status, speed FROM {Table} {f.Where}) s
            GROUP BY tb, lb
            """;
        var rows = await _sql.QueryAsync(sql, f.Parameters,
            r => (Time: r.Long(0), Bucket: r.Int(1), Count: r.Long(2), Server: r.Long(3), Min: r.Double(4), Max: r.Double(5)),
            cancellationToken).ConfigureAwait(false);

        var byTime = rows.ToLookup(r => r.Time);
        var points = new List<TimeSeriesPoint>((int)(last - first + 1));
        for (var t = first; t <= last; t++)
        {
            var latency = new LatencyAccumulator();
            long server = 0;
            foreach (var row in byTime[t])
            {
                latency.Add(row.Bucket, row.Count, row.Min, row.Max);
                server += row.Server;
            }

            points.Add(new TimeSeriesPoint(BucketStart(t, sizeMs), latency.Count, server, latency.Percentile(0.5), latency.Percentile(0.95)));
        }

        return new TimeSeries(TimeSpan.FromMilliseconds(sizeMs), points);
    }

    public async Task<IReadOnlyList<StatusClassCount>> GetStatusClassesAsync(UsageFilter filter, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var f = SqlFilter.For(d, filter);
        var sql = $"SELECT sc, COUNT(*) FROM (SELECT {StatusClass} AS sc FROM {Table} {f.Where}) s GROUP BY sc ORDER BY sc";
        var rows = await _sql.QueryAsync(sql, f.Parameters, r => (Class: r.Int(0), Count: r.Long(1)), cancellationToken).ConfigureAwait(false);
        var total = rows.Sum(r => r.Count);

        // "Other" (class 0) sorts last, after 5xx.
        return rows.OrderBy(r => r.Class == 0 ? int.MaxValue : r.Class)
            .Select(r => new StatusClassCount(r.Class, r.Count, Share(r.Count, total)))
            .ToList();
    }

    public async Task<IReadOnlyList<NamedCount>> GetTopUrlsAsync(
        UsageFilter filter, UrlGrouping grouping = UrlGrouping.Route, int count = 10, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        RequireRange(count, 1, 1000, nameof(count));
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        return await TopAsync(d, SqlFilter.For(d, filter), SqlFilter.UrlColumn(grouping), count, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CountryCount>> GetTopCountriesAsync(UsageFilter filter, int count = 10, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        RequireRange(count, 1, 1000, nameof(count));
        return await CountriesAsync(filter, count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Requests per value of <paramref name="expression"/>, most first, with the share of all filtered rows.</summary>
    private async Task<List<NamedCount>> TopAsync(SqlDialect d, SqlFilter f, string expression, int? limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT k, COUNT(*) AS n, SUM(COUNT(*)) OVER ()
            FROM (SELECT {expression} AS k FROM {Table} {f.Where}) s
            GROUP BY k
            ORDER BY n DESC, {d.Ordinal("k")}
            {(limit is { } l ? $"LIMIT {l}" : "")}
            """;
        return await _sql.QueryAsync(sql, f.Parameters,
            r => new NamedCount(NameOrUnknown(r.String(0)), r.Long(1), Share(r.Long(1), r.Long(2))),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<CountryCount>> CountriesAsync(UsageFilter filter, int? limit, CancellationToken cancellationToken)
    {
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var f = SqlFilter.For(d, filter);
        var sql = $"""
            SELECT cc, MAX({d.Ordinal("country")}), COUNT(*) AS n, SUM(COUNT(*)) OVER ()
            FROM (SELECT COALESCE(NULLIF(country_code, ''), '{UsageFilter.UnknownCountryCode}') AS cc, country FROM {Table} {f.Where}) s
            GROUP BY cc
            ORDER BY n DESC, {d.Ordinal("cc")}
            {(limit is { } l ? $"LIMIT {l}" : "")}
            """;
        return await _sql.QueryAsync(sql, f.Parameters, r =>
        {
            var code = r.String(0)!;
            var name = code == UsageFilter.UnknownCountryCode ? Unknown : r.String(1) ?? code;
            return new CountryCount(code, name, r.Long(2), Share(r.Long(2), r.Long(3)));
        }, cancellationToken).ConfigureAwait(false);
    }
}
