using System.Globalization;
using UsageDashboard.Data.Configuration;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Data.Rollups;

/// <summary>Unique visitors over a range (see <see cref="VisitorRange"/>).</summary>
internal sealed partial class RollupUsageStatistics
{
    /// <summary>
    /// Distinct visitors: the sum over days of each day's visitors within the range. Visitors are kept without the route
    /// group, so a group filter reads raw rows.
    /// </summary>
    private async Task<long> VisitorsAsync(UsageFilter filter, long startMs, long endMs, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var range = filter.Group is null ? VisitorRange.Split(startMs, endMs, WideSettledMs()) : null;
        var q = new Query(sql);
        var parts = new List<string>();

        // Each day's head, tail or recent part reports its unknown sightings (rows written before they were kept): such a
        // part is counted again from raw rows, over the range its number indexes here.
        var fallbackRanges = new List<(long From, long To)>();
        const string noFallback = "-1";
        var visitorRows = $"FROM {RollupSql.Counts} WHERE period = {(short)RollupPeriod.Day} AND {UsageRollupConfiguration.VisitorKindFilter}";

        // The day's visitors first seen before (head) or last seen at or after (tail) an instant: the side of the day the
        // instant marks off or, when that is the longer side, the day's count of visitors less the other side. Either is
        // one range of a sighting index, where the day's every visitor row is the count's.
        string Sighted(string column, bool before, long day, long at, (long From, long To) fallback)
        {
            fallbackRanges.Add(fallback);
            var part = (fallbackRanges.Count - 1).ToString(CultureInfo.InvariantCulture);
            var dayParameter = q.Add(day);
            var atParameter = q.Add(at);
            var criteria = q.RollupFilter(filter);
            var dayRows = $"{visitorRows} AND bucket_start = {dayParameter}{criteria}";
            string Side(string sign, string comparison) =>
                $"SELECT {part} AS part, {sign}COUNT(*) AS n, 0 AS unknown {dayRows} AND {column} {comparison} {atParameter}";
            var (own, other) = before ? ("<", ">=") : (">=", "<");
            var unknown = $"SELECT {part} AS part, 0 AS n, COUNT(*) AS unknown {dayRows} AND first_ms IS NULL";
            var ownSide = before ? at - day : day + RollupBuckets.DayMs - at;
            if (ownSide <= RollupBuckets.DayMs / 2)
            {
                return $"{Side("", own)} UNION ALL {unknown}";
            }

            return $"SELECT {part} AS part, SUM(hits) AS n, 0 AS unknown FROM {RollupSql.Counts} WHERE period = {(short)RollupPeriod.Day} "
                + $"AND kind = {(short)RollupDimension.VisitorCount} AND bucket_start = {dayParameter}{criteria} "
                + $"UNION ALL {Side("-", other)} UNION ALL {unknown}";
        }

        if (range is null)
        {
            parts.Add($"SELECT {noFallback} AS part, COUNT(*) AS n, 0 AS unknown FROM ({RawVisitorKeys(q, sql, filter, startMs, endMs)}) r");
        }
        else
        {
            if (range.WholeDays is var (firstDay, endDay))
            {
                parts.Add($"SELECT {noFallback} AS part, SUM(hits) AS n, 0 AS unknown FROM {RollupSql.Counts} "
                    + $"WHERE period = {(short)RollupPeriod.Day} AND kind = {(short)RollupDimension.VisitorCount} "
                    + $"AND bucket_start >= {q.Add(firstDay)} AND bucket_start < {q.Add(endDay)}{q.RollupFilter(filter)}");
            }

            foreach (var (day, to) in range.Heads)
            {
                parts.Add(Sighted("first_ms", before: true, day, to, (day, to)));
            }

            foreach (var (day, from) in range.Tails)
            {
                parts.Add(Sighted("last_ms", before: false, day, from, (from, day + RollupBuckets.DayMs)));
            }

            if (range.Recent is var (recentDay, settled, recentTo))
            {
                parts.Add(Sighted("first_ms", before: true, recentDay, settled, (recentDay, recentTo)));
                parts.Add($"SELECT {fallbackRanges.Count - 1} AS part, COUNT(*) AS n, 0 AS unknown FROM ({RawVisitorKeys(q, sql, filter, settled, recentTo)}) r "
                    + $"WHERE NOT EXISTS (SELECT 1 {visitorRows} AND bucket_start = {q.Add(recentDay)} AND app = r.a AND grp = '' AND bot = r.b "
                    + $"AND dim_key = r.v AND first_ms < {q.Add(settled)})");
            }

            foreach (var (from, to) in range.Raw)
            {
                parts.Add($"SELECT {noFallback} AS part, COUNT(*) AS n, 0 AS unknown FROM ({RawVisitorKeys(q, sql, filter, from, to)}) r");
            }
        }

        var total = 0L;
        var fallbacks = new List<(long From, long To)>();
        var text = $"SELECT part, SUM(n), SUM(unknown) FROM ({string.Join(" UNION ALL ", parts)}) s GROUP BY part";
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            var part = L(r[0]);
            if (part >= 0 && L(r[2]) > 0)
            {
                fallbacks.Add(fallbackRanges[(int)part]);
                continue;
            }

            total += L(r[1]);
        }

        foreach (var (from, to) in fallbacks)
        {
            var raw = new Query(sql);
            await foreach (var r in raw.ReadAsync(context, RawVisitors(raw, sql, filter, from, to), cancellationToken).ConfigureAwait(false))
            {
                total += L(r[0]);
            }
        }

        return total;
    }

    /// <summary>Distinct (day, application, bot flag, visitor) of raw rows in [from, to): one row per day's visitor.</summary>
    private static string RawVisitors(Query q, RollupSql sql, UsageFilter filter, long from, long to) =>
        $"SELECT COUNT(*) AS n FROM ({RawVisitorKeys(q, sql, filter, from, to)}) r";

    private static string RawVisitorKeys(Query q, RollupSql sql, UsageFilter filter, long from, long to) =>
        "SELECT DISTINCT " + RollupSql.FloorMs(sql.RawDateMs, RollupBuckets.DayMs) + " AS d, "
        + $"COALESCE(server_name, '') AS a, {RollupSql.RawBot} AS b, {sql.RawKey(RollupDimension.Visitor)} AS v FROM {RollupSql.Raw} "
        + $"WHERE date >= {q.AddRawDate(from)} AND date < {q.AddRawDate(to)}{q.RawFilter(filter)} "
        + $"AND {sql.RawKey(RollupDimension.Visitor)} IS NOT NULL AND {sql.RawKey(RollupDimension.Visitor)} <> ''";
}
