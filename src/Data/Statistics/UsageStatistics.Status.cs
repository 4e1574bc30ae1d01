using UsageDashboard.Data.Statistics.Sql;

namespace UsageDashboard.Data.Statistics;

internal sealed partial class UsageStatistics
{
    private const int TopUrlsPerStatus = 5;

    public async Task<StatusCodeStatistics> GetStatusCodesAsync(UsageFilter filter, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        var (first, last, sizeMs) = BucketRange(filter, null);
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var seriesTask = StatusSeriesAsync(d, filter, first, last, sizeMs, cancellationToken);

        var f = SqlFilter.For(d, filter);
        var codesSql = $"""
            SELECT status, COUNT(*) AS n, SUM(COUNT(*)) OVER () FROM {Table} {f.Where}
            GROUP BY status ORDER BY n DESC, status
            """;
        var codesTask = _sql.QueryAsync(codesSql, f.Parameters, r => (Status: r.Int(0), Count: r.Long(1), Total: r.Long(2)), cancellationToken);

        // The top URLs of every code in one query: rank URLs within each status, keep the first few.
        var topSql = $"""
            SELECT status, u, n FROM (
                SELECT status, u, COUNT(*) AS n,
                       ROW_NUMBER() OVER (PARTITION BY status ORDER BY COUNT(*) DESC, {d.Ordinal("u")}) AS rn
                FROM (SELECT status, {SqlFilter.UrlColumn(UrlGrouping.Route)} AS u FROM {Table} {f.Where}) s
                GROUP BY status, u) t
            WHERE rn <= {TopUrlsPerStatus}
            ORDER BY status, rn
            """;
        var topTask = _sql.QueryAsync(topSql, f.Parameters, r => (Status: r.Int(0), Url: r.String(1) ?? "", Count: r.Long(2)), cancellationToken);

        var codes = await codesTask.ConfigureAwait(false);
        var top = (await topTask.ConfigureAwait(false)).ToLookup(t => t.Status);
        var rows = codes.Select(c => new StatusCodeRow(c.Status, c.Count, Share(c.Count, c.Total),
                top[c.Status].Select(t => new NamedCount(t.Url, t.Count, Share(t.Count, c.Count))).ToList()))
            .ToList();
        return new StatusCodeStatistics(TimeSpan.FromMilliseconds(sizeMs), await seriesTask.ConfigureAwait(false), rows);
    }

    /// <summary>Requests per status class and time bucket, every bucket of the range present.</summary>
    private async Task<IReadOnlyList<StatusClassPoint>> StatusSeriesAsync(
        SqlDialect d, UsageFilter filter, long first, long last, long sizeMs, CancellationToken cancellationToken)
    {
        var f = SqlFilter.For(d, filter);
        var sql = $"""
            SELECT tb, sc, COUNT(*)
            FROM (SELECT {d.TimeBucketIndex(sizeMs)} AS tb, {StatusClass} AS sc FROM {Table} {f.Where}) s
            GROUP BY tb, sc
            """;
        var rows = await _sql.QueryAsync(sql, f.Parameters, r => (Time: r.Long(0), Class: r.Int(1), Count: r.Long(2)), cancellationToken)
            .ConfigureAwait(false);
        var counts = new long[last - first + 1, 6];
        foreach (var row in rows)
        {
            if (row.Time >= first && row.Time <= last)
            {
                counts[row.Time - first, row.Class] += row.Count;
            }
        }

        var points = new List<StatusClassPoint>(counts.GetLength(0));
        for (var i = 0; i < counts.GetLength(0); i++)
        {
            points.Add(new StatusClassPoint(BucketStart(first + i, sizeMs),
                counts[i, 1], counts[i, 2], counts[i, 3], counts[i, 4], counts[i, 5], counts[i, 0]));
        }

        return points;
    }
}
