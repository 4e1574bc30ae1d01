using System.Globalization;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Data.Rollups;

/// <summary>The one statement that reads latency per route or path, for every URL table and page.</summary>
internal sealed partial class RollupUsageStatistics
{
    /// <summary>
    /// Latency per route or path and time bucket, summing only the histogram columns of <paramref name="buckets"/> (the
    /// others stay 0). With <paramref name="fromEnclosing"/> a complement's part (every URL's 15-minute rows of most of a
    /// day, or a month's day rows) is not read for its extremes: the enclosing row's are the part's where the rest of it
    /// does not reach them, and bound them otherwise, and a URL whose extremes may then lie in such a part is marked.
    /// </summary>
    private async Task<Dictionary<(string Url, long Time), UrlLatency>> ReadUrlLatencyAsync(RollupDimension kind, UsageFilter filter,
        RollupRange range, long sizeMs, string? search, IReadOnlyList<string>? urls, bool fromEnclosing, int[] buckets,
        CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var columns = buckets.Select(RollupHistogram.Column).ToList();
        var time = sizeMs > 0 ? $"bucket_start / {sizeMs}" : "0";
        var rawTime = sizeMs > 0 ? sql.Dialect.TimeBucketIndex(sizeMs) : "0";
        var rawUrl = sql.RawKey(kind);
        var only = urls is null ? null : string.Join(", ", urls.Select(r => q.Add(r)));
        var parts = new List<string>();
        // Each part sums its own rows first: a part's rows (every path's 15-minute rows of a partial day) are many and
        // its keys few, and PostgreSQL hashes each part's groups in memory where one grouping of every part's rows
        // (tens of thousands of estimated groups, 66 columns wide) sorts them on disk.
        var histogram = string.Join(", ", columns.Select(c => $"{sql.HistogramSum(c)} AS {c}"));
        var lessHistogram = string.Join(", ", columns.Select(c => $"-{sql.HistogramSum(c)} AS {c}"));
        var noHistogram = string.Join(", ", columns.Select(c => $"0 AS {c}"));
        const string extremes = "MIN(min_us) AS lo, MAX(max_us) AS hi";
        const string noExtremes = "CAST(NULL AS BIGINT) AS lo, CAST(NULL AS BIGINT) AS hi";
        var groups = sizeMs > 0 ? $"dim_key, {time}" : "dim_key";
        void AddPart((RollupPeriod Period, long From, long To) bucket, string select)
        {
            foreach (var (period, from, to) in RollupRange.WithHours(bucket, kind, sizeMs))
            {
                parts.Add($"SELECT dim_key AS u, {time} AS tb, {select} "
                    + $"FROM {RollupSql.Latency} WHERE period = {(short)period} AND kind = {(short)kind} "
                    + $"AND bucket_start >= {q.Add(from)} AND bucket_start < {q.Add(to)}"
                    + q.RollupFilter(filter) + (only is null ? "" : $" AND {sql.KeyBytewise} IN ({only})")
                    + $" GROUP BY {groups}");
            }
        }

        // Per complement read from its enclosing row: that row's extremes (e) and its rest's (r), in columns of their own.
        var complements = fromEnclosing ? range.Complements : [];
        string Side(string name, int i, bool read) => read
            ? $"MIN(min_us) AS {name}l{i}, MAX(max_us) AS {name}h{i}"
            : $"CAST(NULL AS BIGINT) AS {name}l{i}, CAST(NULL AS BIGINT) AS {name}h{i}";
        string Sides(RollupComplement? complement, bool rest) => string.Concat(complements.Select((c, i) =>
            $", {Side("e", i, c == complement && !rest)}, {Side("r", i, c == complement && rest)}"));

        // A partial day read as its day row less the rest of the day, or a month's days as its month row less its other
        // days (far fewer rows than the part's own), takes its sums from those and its minimum and maximum from its own
        // rows or, with fromEnclosing, from the enclosing row and the rest.
        var enclosingRows = range.Enclosing;
        foreach (var bucket in range.Buckets)
        {
            var own = enclosingRows.Contains(bucket) ? noExtremes : extremes;
            var enclosing = complements.FirstOrDefault(c => c.Enclosing == bucket);
            AddPart(bucket, $"SUM(count) AS n, SUM(sum_us) AS su, {own}{Sides(enclosing, rest: false)}, {histogram}");
        }

        foreach (var bucket in range.SubtractBuckets)
        {
            var rest = complements.FirstOrDefault(c => c.Rest.Contains(bucket));
            AddPart(bucket, $"-SUM(count) AS n, -SUM(sum_us) AS su, {noExtremes}{Sides(rest, rest: true)}, {lessHistogram}");
        }

        foreach (var bucket in fromEnclosing ? [] : range.Complemented)
        {
            AddPart(bucket, $"0 AS n, 0 AS su, {extremes}{Sides(null, rest: false)}, {noHistogram}");
        }

        var rawHistogram = string.Join(", ", buckets.Select(i => $"CASE WHEN hb = {i} THEN 1 ELSE 0 END AS {RollupHistogram.Column(i)}"));
        foreach (var (from, to) in range.Raw)
        {
            parts.Add($"SELECT u, tb, 1 AS n, us AS su, us AS lo, us AS hi{Sides(null, rest: false)}, {rawHistogram} FROM "
                + sql.RawWithBucket($"{rawUrl} AS u, {rawTime} AS tb, {sql.RawDurationUs} AS us",
                    $"date >= {q.AddRawDate(from)} AND date < {q.AddRawDate(to)}{q.RawFilter(filter)}"
                    + (only is null ? "" : $" AND {rawUrl} IN ({only})")));
        }

        var where = search is null ? "" : $" WHERE {sql.Dialect.Contains("u", q.Add(search))}";
        var sides = string.Concat(complements.Select((_, i) => $", MIN(el{i}), MAX(eh{i}), MIN(rl{i}), MAX(rh{i})"));
        var first = 6 + (4 * complements.Count);
        var text = $"SELECT u, tb, SUM(n), SUM(su), MIN(lo), MAX(hi){sides}, {string.Join(", ", columns.Select(c => $"SUM({c})"))} "
            + $"FROM ({string.Join(" UNION ALL ", parts)}) s{where} GROUP BY u, tb";
        var result = new Dictionary<(string, long), UrlLatency>();
        // Every URL's rows: prepared, as its text repeats with each view of the table and its plan does not depend on the
        // bucket bounds. A read of a few URLs' rows by key is not: its text changes with their number.
        await foreach (var r in q.ReadAsync(context, text, cancellationToken, prepare: urls is null).ConfigureAwait(false))
        {
            var row = new LatencySums { Count = L(r[2]), SumUs = L(r[3]) };
            for (var i = 0; i < buckets.Length; i++)
            {
                row.Histogram[buckets[i]] = L(r[i + first]);
            }

            if (row.Count > 0)
            {
                var (min, max) = Extremes(r, complements.Count);
                row.MinUs = min.Value ?? min.Bound ?? 0;
                row.MaxUs = max.Value ?? max.Bound ?? 0;
                result[(Convert.ToString(r[0], CultureInfo.InvariantCulture) ?? "", L(r[1]))] = new UrlLatency(row, min.Value, max.Value, min.Exact, max.Exact);
            }
        }

        return result;
    }

    /// <summary>
    /// A row's smallest and largest latency from the parts read for them (columns 4 and 5) and the complements' enclosing
    /// rows and rests (four columns each from 6): the value known, the bound of what may lie unread, and whether the value
    /// is exact, which it is when no bound reaches past it.
    /// </summary>
    private static ((long? Value, long? Bound, bool Exact) Min, (long? Value, long? Bound, bool Exact) Max) Extremes(object[] r, int complements)
    {
        static long? N(object value) => value is DBNull ? null : L(value);
        var (min, max) = (N(r[4]), N(r[5]));
        long? minBound = null, maxBound = null;
        for (var i = 0; i < complements; i++)
        {
            var (enclosingMin, enclosingMax, restMin, restMax) = (N(r[6 + (4 * i)]), N(r[7 + (4 * i)]), N(r[8 + (4 * i)]), N(r[9 + (4 * i)]));
            if (enclosingMin is not { } low || enclosingMax is not { } high)
            {
                continue;
            }

            // The enclosing row's extreme lies in the part unless the rest reaches it too.
            if (restMin is null || restMin > low)
            {
                min = min is null ? low : Math.Min(min.Value, low);
            }
            else
            {
                minBound = minBound is null ? low : Math.Min(minBound.Value, low);
            }

            if (restMax is null || restMax < high)
            {
                max = max is null ? high : Math.Max(max.Value, high);
            }
            else
            {
                maxBound = maxBound is null ? high : Math.Max(maxBound.Value, high);
            }
        }

        return ((min, minBound, minBound is null || min <= minBound), (max, maxBound, maxBound is null || max >= maxBound));
    }
}
