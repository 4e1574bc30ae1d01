using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Retention;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// <see cref="IUsageStatistics"/> that answers every page from rollups (overview, the URL table and URL page by route
/// or by path, status codes, geography, audience, the filter lists and the request log's total): whole days from day
/// buckets, whole 15-minute buckets from base buckets, and only the partial 15-minute edges, the partial days of the
/// kinds kept per day and the buckets newer than the wide window from raw rows. Filters the rollups do not carry (path,
/// status, method, country, user, address), series finer than 15 minutes and the request log's rows are answered by
/// the raw-row statistics it wraps. Partial classes hold the pages: <c>.Urls</c>, <c>.Pages</c>, <c>.Lists</c>,
/// <c>.Visitors</c>.
/// </summary>
internal sealed partial class RollupUsageStatistics(
    IDbContextFactory<UsageDbContext> contexts, IUsageStatistics raw, UsageRollupOptions options, TimeProvider time,
    UsageRetentionOptions? retention = null) : IUsageStatistics
{
    private const string Unknown = "Unknown";

    private bool? _isPostgres;

    public Task<bool> HasRecordsAsync(CancellationToken cancellationToken = default) => raw.HasRecordsAsync(cancellationToken);

    public async Task<OverviewStatistics> GetOverviewAsync(UsageFilter filter, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        if (!Eligible(filter))
        {
            return await raw.GetOverviewAsync(filter, cancellationToken).ConfigureAwait(false);
        }

        var current = SummarizeAsync(filter, cancellationToken);
        var previous = SummarizeAsync(filter.PreviousPeriod(), cancellationToken);
        return new OverviewStatistics(await current.ConfigureAwait(false), await previous.ConfigureAwait(false));
    }

    public async Task<TimeSeries> GetTimeSeriesAsync(UsageFilter filter, TimeSpan? bucketSize = null, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        var size = bucketSize ?? TimeBuckets.Choose(filter.Duration);
        var sizeMs = (long)size.TotalMilliseconds;
        if (!Eligible(filter) || sizeMs <= 0 || sizeMs % RollupBuckets.BaseMs != 0)
        {
            return await raw.GetTimeSeriesAsync(filter, bucketSize, cancellationToken).ConfigureAwait(false);
        }

        var (startMs, endMs) = Ms(filter);
        var range = RollupRange.Split(startMs, endMs, useDays: sizeMs % RollupBuckets.DayMs == 0);
        var countsTask = CountsAsync(RollupDimension.Total, filter, range, sizeMs, cancellationToken);
        var histogramsTask = HistogramsAsync(filter, range, sizeMs, cancellationToken);
        var counts = (await countsTask.ConfigureAwait(false)).ToDictionary(r => r.Time);
        var histograms = await histogramsTask.ConfigureAwait(false);

        var first = RollupBuckets.FloorBy(startMs, sizeMs) / sizeMs;
        var last = RollupBuckets.FloorBy(endMs - 1, sizeMs) / sizeMs;
        var points = new List<TimeSeriesPoint>((int)(last - first + 1));
        for (var t = first; t <= last; t++)
        {
            counts.TryGetValue(t, out var c);
            histograms.TryGetValue(t, out var h);
            points.Add(new TimeSeriesPoint(RollupBuckets.FromUnixMs(t * sizeMs), c.Hits, c.Errors,
                h is null ? null : LatencyHistogram.Percentile(h, 0.5), h is null ? null : LatencyHistogram.Percentile(h, 0.95)));
        }

        return new TimeSeries(size, points);
    }

    public async Task<IReadOnlyList<StatusClassCount>> GetStatusClassesAsync(UsageFilter filter, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        if (!Eligible(filter))
        {
            return await raw.GetStatusClassesAsync(filter, cancellationToken).ConfigureAwait(false);
        }

        var (startMs, endMs) = Ms(filter);
        var rows = await CountsAsync(RollupDimension.Status, filter, RollupRange.Split(startMs, endMs, useDays: true), 0, cancellationToken).ConfigureAwait(false);
        var total = rows.Sum(r => r.Hits);
        return rows
            .GroupBy(r => int.TryParse(r.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s is >= 100 and < 600 ? s / 100 : 0)
            .Where(g => g.Key > 0)
            .OrderBy(g => g.Key)
            .Select(g => new StatusClassCount(g.Key, g.Sum(r => r.Hits), total == 0 ? 0 : (double)g.Sum(r => r.Hits) / total))
            .ToList();
    }

    public async Task<IReadOnlyList<NamedCount>> GetTopUrlsAsync(
        UsageFilter filter, UrlGrouping grouping = UrlGrouping.Route, int count = 10, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1000);
        if (!Eligible(filter))
        {
            return await raw.GetTopUrlsAsync(filter, grouping, count, cancellationToken).ConfigureAwait(false);
        }

        var (startMs, endMs) = Ms(filter);
        var kind = grouping == UrlGrouping.Path ? RollupDimension.Path : RollupDimension.Route;
        var range = RollupRange.Split(startMs, endMs, useDays: true, SettledMs(kind));
        var rows = await CountsAsync(kind, filter, range, 0, cancellationToken).ConfigureAwait(false);
        var total = rows.Sum(r => r.Hits);
        return rows.OrderByDescending(r => r.Hits).ThenBy(r => r.Key, StringComparer.Ordinal).Take(count)
            .Select(r => new NamedCount(string.IsNullOrEmpty(r.Key) ? Unknown : r.Key, r.Hits, total == 0 ? 0 : (double)r.Hits / total))
            .ToList();
    }

    public async Task<IReadOnlyList<CountryCount>> GetTopCountriesAsync(UsageFilter filter, int count = 10, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!Eligible(filter))
        {
            return await raw.GetTopCountriesAsync(filter, count, cancellationToken).ConfigureAwait(false);
        }

        var (startMs, endMs) = Ms(filter);
        var rows = await CountsAsync(RollupDimension.Country, filter, RollupRange.Split(startMs, endMs, useDays: true), 0, cancellationToken).ConfigureAwait(false);
        var total = rows.Sum(r => r.Hits);
        return rows
            .GroupBy(r => string.IsNullOrEmpty(r.Key) ? UsageFilter.UnknownCountryCode : r.Key.ToUpperInvariant())
            .Select(g => (Code: g.Key, Hits: g.Sum(r => r.Hits)))
            .OrderByDescending(r => r.Hits).ThenBy(r => r.Code, StringComparer.Ordinal).Take(count)
            .Select(r => new CountryCount(r.Code, CountryName(r.Code), r.Hits, total == 0 ? 0 : (double)r.Hits / total))
            .ToList();
    }

    public Task<UsageRecord?> GetRequestAsync(long id, CancellationToken cancellationToken = default) => raw.GetRequestAsync(id, cancellationToken);

    public IAsyncEnumerable<UsageRecord> StreamRequestsAsync(UsageFilter filter, CancellationToken cancellationToken = default) =>
        raw.StreamRequestsAsync(filter, cancellationToken);

    /// <summary>Rollups carry application, route group and the bot flag; any other criterion needs raw rows.</summary>
    internal static bool Eligible(UsageFilter f) =>
        f.PathContains is null && f.Url is null && f.Status is null && f.StatusClass is null && string.IsNullOrEmpty(f.Method)
        && string.IsNullOrEmpty(f.CountryCode) && string.IsNullOrEmpty(f.UserName) && string.IsNullOrEmpty(f.RemoteAddr);

    private async Task<PeriodSummary> SummarizeAsync(UsageFilter filter, CancellationToken cancellationToken)
    {
        var (startMs, endMs) = Ms(filter);
        var range = RollupRange.Split(startMs, endMs, useDays: true);
        var countsTask = CountsAsync(RollupDimension.Total, filter, range, 0, cancellationToken);
        var histogramTask = HistogramsAsync(filter, range, 0, cancellationToken);
        var visitorsTask = VisitorsAsync(filter, startMs, endMs, cancellationToken);
        var counts = await countsTask.ConfigureAwait(false);
        var histogram = (await histogramTask.ConfigureAwait(false)).GetValueOrDefault(0);
        var visitors = await visitorsTask.ConfigureAwait(false);
        var c = counts.Count == 0 ? default : counts[0];
        return new PeriodSummary(c.Hits, visitors, c.Errors, c.ClientErrors,
            histogram is null ? null : LatencyHistogram.Percentile(histogram, 0.5),
            histogram is null ? null : LatencyHistogram.Percentile(histogram, 0.95), c.Bytes);
    }

    private record struct CountRow(long Time, string Key, long Hits, long Bytes, long Errors, long ClientErrors);

    /// <summary>Sums per key (and per time bucket of <paramref name="sizeMs"/> when not 0) over rollups and raw edges.</summary>
    private async Task<List<CountRow>> CountsAsync(RollupDimension kind, UsageFilter filter, RollupRange range, long sizeMs, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var time = sizeMs > 0 ? $"bucket_start / {sizeMs}" : "0";
        var rawTime = sizeMs > 0 ? $"({sql.RawDateMs}) / {sizeMs}" : "0";
        var parts = new List<string>();
        foreach (var (period, from, to) in range.BucketsOf(kind, sizeMs))
        {
            parts.Add($"SELECT {time} AS tb, dim_key AS k, hits AS h, bytes AS b, errors AS e, client_errors AS c FROM {RollupSql.Counts} "
                + $"WHERE period = {(short)period} AND kind = {(short)kind} AND bucket_start >= {q.Add(from)} AND bucket_start < {q.Add(to)}{q.RollupFilter(filter)}");
        }

        foreach (var (from, to) in range.Raw)
        {
            parts.Add($"SELECT {rawTime} AS tb, {sql.RawKey(kind)} AS k, 1 AS h, content_length AS b, "
                + "CASE WHEN status >= 500 THEN 1 ELSE 0 END AS e, CASE WHEN status >= 400 AND status < 500 THEN 1 ELSE 0 END AS c "
                + $"FROM {RollupSql.Raw} WHERE date >= {q.AddRawDate(from)} AND date < {q.AddRawDate(to)}{q.RawFilter(filter)}");
        }

        var text = $"SELECT tb, k, SUM(h), SUM(b), SUM(e), SUM(c) FROM ({string.Join(" UNION ALL ", parts)}) s GROUP BY tb, k";
        var rows = new List<CountRow>();
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new CountRow(L(r[0]), Convert.ToString(r[1], CultureInfo.InvariantCulture) ?? "", L(r[2]), L(r[3]), L(r[4]), L(r[5])));
        }

        if (sizeMs > 0 && kind == RollupDimension.Total)
        {
            // Several apps and groups per time bucket: fold them into one row per bucket.
            return rows.GroupBy(r => r.Time)
                .Select(g => new CountRow(g.Key, "", g.Sum(r => r.Hits), g.Sum(r => r.Bytes), g.Sum(r => r.Errors), g.Sum(r => r.ClientErrors)))
                .ToList();
        }

        if (kind == RollupDimension.Total)
        {
            return rows.Count == 0 ? rows : [new CountRow(0, "", rows.Sum(r => r.Hits), rows.Sum(r => r.Bytes), rows.Sum(r => r.Errors), rows.Sum(r => r.ClientErrors))];
        }

        return rows;
    }

    /// <summary>Latency histograms per time bucket (one bucket 0 when <paramref name="sizeMs"/> is 0); absent buckets had no requests.</summary>
    private async Task<Dictionary<long, long[]>> HistogramsAsync(UsageFilter filter, RollupRange range, long sizeMs, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var columns = RollupHistogram.AllColumns;
        var time = sizeMs > 0 ? $"bucket_start / {sizeMs}" : "0";
        var rawTime = sizeMs > 0 ? $"({sql.RawDateMs}) / {sizeMs}" : "0";
        var parts = new List<string>();
        foreach (var (period, from, to) in range.BucketsOf(RollupDimension.Total, sizeMs))
        {
            parts.Add($"SELECT {time} AS tb, {string.Join(", ", columns)} FROM {RollupSql.Latency} "
                + $"WHERE period = {(short)period} AND kind = {(short)RollupDimension.Total} AND bucket_start >= {q.Add(from)} AND bucket_start < {q.Add(to)}{q.RollupFilter(filter)}");
        }

        foreach (var (from, to) in range.Raw)
        {
            parts.Add($"SELECT tb, {RollupSql.RawHistogramColumns} FROM "
                + sql.RawWithBucket($"{rawTime} AS tb", $"date >= {q.AddRawDate(from)} AND date < {q.AddRawDate(to)}{q.RawFilter(filter)}"));
        }

        var text = $"SELECT tb, {string.Join(", ", columns.Select(c => $"SUM({c})"))} FROM ({string.Join(" UNION ALL ", parts)}) s GROUP BY tb";
        var result = new Dictionary<long, long[]>();
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            var counts = new long[columns.Count];
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = L(r[i + 1]);
            }

            if (counts.Any(c => c > 0))
            {
                result[L(r[0])] = counts;
            }
        }

        return result;
    }

    private static long L(object value) => value is DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static (long Start, long End) Ms(UsageFilter f) => (RollupBuckets.ToUnixMs(f.Start), RollupBuckets.ToUnixMs(f.End));

    private static UsageFilter Normalize(UsageFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        static DateTime Utc(DateTime v)
        {
            var u = v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc);
            return new DateTime(u.Ticks - (u.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        }

        var start = Utc(filter.Start);
        var end = Utc(filter.End);
        if (end <= start)
        {
            throw new ArgumentException($"The filter's End ({end:O}) must be after its Start ({start:O}).", nameof(filter));
        }

        return filter with { Start = start, End = end };
    }

    private static string CountryName(string code)
    {
        if (code == UsageFilter.UnknownCountryCode)
        {
            return Unknown;
        }

        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    /// <summary>Numbered parameters for one statement, with the application and group criteria.</summary>
    private sealed class Query(RollupSql sql)
    {
        private readonly List<object> _values = [];

        public string Add(object value)
        {
            _values.Add(value);
            return "@p" + (_values.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        public string AddRawDate(long ms) => sql.IsPostgres ? Add(RollupBuckets.FromUnixMs(ms)) : Add(ms);

        public string RollupFilter(UsageFilter f)
        {
            var sb = new StringBuilder();
            if (f.Application is not null) sb.Append(" AND app = ").Append(Add(f.Application));
            if (f.Group is not null) sb.Append(" AND grp = ").Append(Add(f.Group));
            if (f.Bots != BotFilter.All) sb.Append(" AND bot = ").Append(f.Bots == BotFilter.Bots ? '1' : '0');
            return sb.ToString();
        }

        public string RawFilter(UsageFilter f)
        {
            var sb = new StringBuilder();
            if (f.Application is not null) sb.Append(" AND COALESCE(server_name, '') = ").Append(Add(f.Application));
            if (f.Group is not null) sb.Append(" AND COALESCE(blueprint, '') = ").Append(Add(f.Group));
            if (f.Bots != BotFilter.All) sb.Append(" AND ").Append(f.Bots == BotFilter.Bots ? "is_bot" : "NOT is_bot");
            return sb.ToString();
        }

        /// <param name="context">The context whose connection runs the statement.</param>
        /// <param name="text">The statement, its values numbered by <see cref="Add"/>.</param>
        /// <param name="cancellationToken">Cancels the read.</param>
        /// <param name="prepare">
        /// Prepare the statement on PostgreSQL, which plans it once, generically (see <c>PostgreSqlSessionOptions</c>): only
        /// for the few wide statements whose text repeats and whose plan does not depend on the values.
        /// </param>
        public async IAsyncEnumerable<object[]> ReadAsync(UsageDbContext context, string text,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, bool prepare = false)
        {
            var connection = context.Database.GetDbConnection();
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = text;
            for (var i = 0; i < _values.Count; i++)
            {
                UsageSummaryReader.AddParameter(command, "@p" + i.ToString(CultureInfo.InvariantCulture), _values[i]);
            }

            if (prepare && sql.IsPostgres)
            {
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                yield return values;
            }
        }
    }
}
