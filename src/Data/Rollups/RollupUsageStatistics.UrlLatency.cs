using System.Globalization;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Latency per route or path from usage_latency_rollups and the raw edges: exact for a few URLs, and for every URL (a
/// table sorted by latency) read in the cheaper way below, made exact wherever the result depends on it.
/// </summary>
internal sealed partial class RollupUsageStatistics
{
    /// <summary>More URLs than this whose sort key needs their exact extremes are read all at once rather than by key.</summary>
    private const int MaxUrlsReadForExtremes = 100;

    private static readonly int[] AllHistogramBuckets = Enumerable.Range(0, RollupHistogram.BucketCount).ToArray();

    /// <summary>
    /// One URL's latency from <see cref="ReadUrlLatencyAsync"/>: its sums, the smallest and largest latency of the parts
    /// whose extremes are known (null when none are), and whether those are the URL's, or a more extreme one may lie in a
    /// part that was not read. Until then the sums hold the bounds of such parts where nothing is known.
    /// </summary>
    private readonly record struct UrlLatency(LatencySums Sums, long? KnownMin, long? KnownMax, bool MinExact, bool MaxExact)
    {
        public bool Exact => MinExact && MaxExact;
    }

    /// <summary>
    /// Exact latency per route or path (<paramref name="kind"/>) and time bucket (<paramref name="sizeMs"/>, or one bucket 0
    /// when 0), for URLs containing <paramref name="search"/> and, when given, only <paramref name="urls"/>.
    /// </summary>
    private async Task<Dictionary<(string Url, long Time), LatencySums>> UrlLatencyAsync(RollupDimension kind,
        UsageFilter filter, RollupRange range, long sizeMs, string? search, IReadOnlyList<string>? urls, CancellationToken cancellationToken)
    {
        var rows = await ReadUrlLatencyAsync(kind, filter, range, sizeMs, search, urls, fromEnclosing: false, AllHistogramBuckets,
            cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => r.Value.Sums);
    }

    /// <summary>
    /// Every route's or path's latency over <paramref name="range"/> (with complements), for a table sorted by
    /// <paramref name="sort"/>: exact wherever the sort key depends on it. Call <see cref="ReadUnreadExtremesAsync"/> for
    /// the rows shown.
    /// </summary>
    /// <remarks>
    /// Two savings, both checked. A complement's part (every URL's 15-minute rows of most of a day, or a month's day rows)
    /// is not read for its smallest and largest latency: the enclosing row's are the part's where the rest does not reach
    /// them. Only a URL whose extremes may still lie there and whose sort key reads them (a percentile in its first or last
    /// non-empty bucket) has that part read, by URL. And only the histogram columns that the range's months use at all are
    /// summed: a URL whose columns add up to fewer requests than its count shows a column was missed, and the read is
    /// repeated with all of them.
    /// </remarks>
    private async Task<Dictionary<(string Url, long Time), UrlLatency>> SortableUrlLatencyAsync(RollupDimension kind, UsageFilter filter,
        RollupRange range, UrlSort sort, string? search, CancellationToken cancellationToken)
    {
        var buckets = await HistogramBucketsInUseAsync(range, cancellationToken).ConfigureAwait(false);
        var rows = await ReadUrlLatencyAsync(kind, filter, range, 0, search, null, fromEnclosing: true, buckets, cancellationToken)
            .ConfigureAwait(false);
        if (buckets.Length < RollupHistogram.BucketCount && rows.Values.Any(r => r.Sums.Histogram.Sum() != r.Sums.Count))
        {
            rows = await ReadUrlLatencyAsync(kind, filter, range, 0, search, null, fromEnclosing: true, AllHistogramBuckets, cancellationToken)
                .ConfigureAwait(false);
        }

        var needed = rows.Where(r => !r.Value.Exact && SortKeyNeedsExtremes(r.Value, sort)).Select(r => r.Key.Url).ToList();
        await ReadUnreadExtremesAsync(rows, kind, filter, range, needed.Count > MaxUrlsReadForExtremes ? null : needed, cancellationToken)
            .ConfigureAwait(false);
        return rows;
    }

    /// <summary>
    /// Makes the rows of <paramref name="urls"/> (or, when null, of every URL) exact: reads the smallest and largest latency
    /// of the complements' parts that <see cref="ReadUrlLatencyAsync"/> did not read, by URL where few.
    /// </summary>
    private async Task ReadUnreadExtremesAsync(Dictionary<(string Url, long Time), UrlLatency> rows, RollupDimension kind, UsageFilter filter,
        RollupRange range, IEnumerable<string>? urls, CancellationToken cancellationToken)
    {
        var inexact = (urls ?? rows.Keys.Select(k => k.Url)).Where(u => rows.TryGetValue((u, 0), out var r) && !r.Exact)
            .Distinct(StringComparer.Ordinal).ToList();
        if (inexact.Count == 0 || range.Complements.Count == 0)
        {
            return;
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var only = urls is null ? "" : $" AND {sql.KeyBytewise} IN ({string.Join(", ", inexact.Select(u => q.Add(u)))})";
        var parts = range.Complements.SelectMany(c => c.Parts).SelectMany(part => RollupRange.WithHours(part, kind)).Select(part =>
            $"SELECT dim_key AS u, MIN(min_us) AS lo, MAX(max_us) AS hi FROM {RollupSql.Latency} "
            + $"WHERE period = {(short)part.Period} AND kind = {(short)kind} "
            + $"AND bucket_start >= {q.Add(part.From)} AND bucket_start < {q.Add(part.To)}{q.RollupFilter(filter)}{only} GROUP BY dim_key");
        var text = $"SELECT u, MIN(lo), MAX(hi) FROM ({string.Join(" UNION ALL ", parts)}) s GROUP BY u";
        var extremes = new Dictionary<string, (long Min, long Max)>(StringComparer.Ordinal);
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            extremes[Convert.ToString(r[0], CultureInfo.InvariantCulture) ?? ""] = (L(r[1]), L(r[2]));
        }

        foreach (var url in inexact)
        {
            // The parts read now and the parts known before make up the whole range. A URL the read no longer finds (its
            // rows purged meanwhile) keeps what it had.
            var row = rows[(url, 0)];
            var (min, max) = (row.KnownMin ?? row.Sums.MinUs, row.KnownMax ?? row.Sums.MaxUs);
            if (extremes.TryGetValue(url, out var e))
            {
                (min, max) = (Math.Min(row.KnownMin ?? long.MaxValue, e.Min), Math.Max(row.KnownMax ?? long.MinValue, e.Max));
            }

            row.Sums.MinUs = min;
            row.Sums.MaxUs = max;
            rows[(url, 0)] = row with { KnownMin = min, KnownMax = max, MinExact = true, MaxExact = true };
        }
    }

    /// <summary>Whether the value <paramref name="sort"/> orders by reads a smallest or largest latency that is not exact.</summary>
    private static bool SortKeyNeedsExtremes(UrlLatency latency, UrlSort sort)
    {
        if (sort == UrlSort.MaxLatency)
        {
            return !latency.MaxExact;
        }

        var p = sort switch
        {
            UrlSort.P50Latency => 0.5,
            UrlSort.P95Latency => 0.95,
            UrlSort.P99Latency => 0.99,
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Not a latency sort."),
        };
        var histogram = latency.Sums.Histogram;
        var bucket = LatencyHistogram.PercentileBucket(histogram, p);
        return (bucket == Array.FindIndex(histogram, c => c > 0) && !latency.MinExact)
            || (bucket == Array.FindLastIndex(histogram, c => c > 0) && !latency.MaxExact);
    }

    /// <summary>
    /// The histogram buckets that the total latency rows of the months around <paramref name="range"/> count any request
    /// in: a superset of those of any URL in the range, unless rows are being written meanwhile (which the caller checks).
    /// </summary>
    private async Task<int[]> HistogramBucketsInUseAsync(RollupRange range, CancellationToken cancellationToken)
    {
        var parts = range.Buckets.Select(b => (b.From, b.To)).Concat(range.Raw).ToList();
        if (parts.Count == 0)
        {
            return AllHistogramBuckets;
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var from = RollupBuckets.Floor(RollupPeriod.Month, parts.Min(p => p.From));
        var to = parts.Max(p => p.To);
        var sums = string.Join(", ", RollupHistogram.AllColumns.Select(c => $"{sql.HistogramSum(c)}"));
        var text = $"SELECT {sums} FROM {RollupSql.Latency} WHERE period = {(short)RollupPeriod.Month} "
            + $"AND kind = {(short)RollupDimension.Total} AND bucket_start >= {q.Add(from)} AND bucket_start < {q.Add(to)}";
        var used = new List<int>(RollupHistogram.BucketCount);
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < r.Length; i++)
            {
                if (r[i] is not DBNull && Convert.ToDouble(r[i], CultureInfo.InvariantCulture) > 0)
                {
                    used.Add(i);
                }
            }
        }

        // No total rows at all (the month's were purged or not written yet): nothing to go by.
        return used.Count == 0 ? AllHistogramBuckets : used.ToArray();
    }

    /// <summary>
    /// The percentile from the histogram, its values placed between the bucket bounds, except that the
    /// smallest and largest latency known exactly (min_us, max_us) bound the first and last non-empty buckets.
    /// </summary>
    private static double? Percentile(LatencySums sums, double p) =>
        LatencyHistogram.PercentileBetweenExtremes(sums.Histogram, sums.MinUs / 1000.0, sums.MaxUs / 1000.0, p);
}
