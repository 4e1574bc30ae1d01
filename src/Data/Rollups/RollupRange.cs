namespace UsageDashboard.Data.Rollups;

/// <summary>
/// A time range split into what can be read from rollups and what must come from raw rows: whole days from
/// day buckets, whole 15-minute buckets around them from base buckets, and the partial 15-minute edges
/// from raw records. All bounds are UTC Unix milliseconds, half-open.
/// </summary>
internal sealed class RollupRange
{
    private RollupRange()
    {
    }

    public List<(RollupPeriod Period, long From, long To)> Buckets { get; } = [];

    public List<(long From, long To)> Raw { get; } = [];

    /// <summary>
    /// Raw rows to take away from the buckets (only from <see cref="SplitDays"/>): a partial day read as its whole day's row
    /// less the rest of the day, when that rest is shorter than the part itself.
    /// </summary>
    public List<(long From, long To)> SubtractRaw { get; } = [];

    /// <summary>
    /// Each complement (only from <see cref="Split"/> with complements): a partial day's base buckets read as its day row
    /// less the rest of the day, or a month's whole days as its month row less its other days.
    /// </summary>
    public List<RollupComplement> Complements { get; } = [];

    /// <summary>Buckets to take away from the others: the complements' rests, as for <see cref="SubtractRaw"/>.</summary>
    public IEnumerable<(RollupPeriod Period, long From, long To)> SubtractBuckets => Complements.SelectMany(c => c.Rest);

    /// <summary>
    /// The parts that complements replaced. The enclosing day or month row less the rest gives their sums, but its minimum
    /// and maximum may come from the rest.
    /// </summary>
    public IEnumerable<(RollupPeriod Period, long From, long To)> Complemented => Complements.SelectMany(c => c.Parts);

    /// <summary>The day and month rows in <see cref="Buckets"/> read whole with the rest taken away: their sums only count.</summary>
    public IReadOnlyList<(RollupPeriod Period, long From, long To)> Enclosing => Complements.Select(c => c.Enclosing).ToList();

    /// <summary><see cref="Buckets"/> and <see cref="SubtractBuckets"/>, each with the sign a query writes before its sums.</summary>
    public IEnumerable<((RollupPeriod Period, long From, long To) Bucket, string Sign)> SignedBuckets =>
        Buckets.Select(b => (b, "")).Concat(SubtractBuckets.Select(b => (b, "-")));

    /// <summary><see cref="Raw"/> and <see cref="SubtractRaw"/>, each with the sign a query writes before its sums.</summary>
    public IEnumerable<((long From, long To) Range, string Sign)> SignedRaw =>
        Raw.Select(r => (r, "")).Concat(SubtractRaw.Select(r => (r, "-")));

    /// <param name="startMs">Range start.</param>
    /// <param name="endMs">Range end (exclusive).</param>
    /// <param name="useDays">False when callers group by time finer than a day, so only base buckets may be used.</param>
    /// <param name="settledMs">
    /// Rollups are complete only before this instant (see <see cref="WideSettledMs"/>); later buckets come from raw rows.
    /// </param>
    /// <param name="complement">
    /// For sums only (no minimum or maximum): a partial day's base buckets may be read as the day row less the base buckets
    /// of the rest of the day, and a month's whole days as the month row less its other days, when those are fewer (see
    /// <see cref="SubtractBuckets"/>). Exact, since every flush writes a month row, its day row and its base rows together.
    /// </param>
    /// <param name="kept">With <paramref name="complement"/>: where the rows a complement subtracts are still kept.</param>
    public static RollupRange Split(
        long startMs, long endMs, bool useDays, long settledMs = long.MaxValue, bool complement = false, RollupKeptFrom? kept = null)
    {
        var range = Edges(startMs, endMs, RollupPeriod.Base, settledMs, (r, a, b) =>
        {
            var dayA = RollupBuckets.Ceiling(RollupPeriod.Day, a);
            var dayB = RollupBuckets.Floor(RollupPeriod.Day, b);
            if (!useDays || dayA >= dayB)
            {
                r.Buckets.Add((RollupPeriod.Base, a, b));
                return;
            }

            if (a < dayA)
            {
                r.Buckets.Add((RollupPeriod.Base, a, dayA));
            }

            r.Buckets.Add((RollupPeriod.Day, dayA, dayB));
            if (dayB < b)
            {
                r.Buckets.Add((RollupPeriod.Base, dayB, b));
            }
        });
        if (complement && useDays)
        {
            // Months first: they take whole days only, and the partial days then become day rows of their own.
            var keptFrom = kept ?? RollupKeptFrom.All;
            range.ComplementMonths(keptFrom.DayMs);
            range.ComplementPartialDays(keptFrom.BaseMs);
            range.MergeDaysIntoMonths();
        }

        return range;
    }

    /// <summary>
    /// <paramref name="bucket"/> as the rows of <paramref name="kind"/> hold it: for a kind kept per hour
    /// (<see cref="RollupBatch.IsKeptPerHour"/>), a run of 15-minute buckets as the hour rows of the whole hours in it and
    /// the 15-minute rows of the quarters around them, as few as a quarter of the rows; any other bucket or kind as it is,
    /// and every bucket when the read groups by time buckets (of <paramref name="groupMs"/>; 0: by nothing) finer than an
    /// hour.
    /// </summary>
    public static IEnumerable<(RollupPeriod Period, long From, long To)> WithHours(
        (RollupPeriod Period, long From, long To) bucket, RollupDimension kind, long groupMs = 0)
    {
        var (period, from, to) = bucket;
        var firstHour = RollupBuckets.Ceiling(RollupPeriod.Hour, from);
        var lastHour = RollupBuckets.Floor(RollupPeriod.Hour, to);
        if (period != RollupPeriod.Base || firstHour >= lastHour || !RollupBatch.IsKeptPerHour(kind) || groupMs % RollupBuckets.HourMs != 0)
        {
            yield return bucket;
            yield break;
        }

        if (from < firstHour)
        {
            yield return (RollupPeriod.Base, from, firstHour);
        }

        yield return (RollupPeriod.Hour, firstHour, lastHour);
        if (lastHour < to)
        {
            yield return (RollupPeriod.Base, lastHour, to);
        }
    }

    /// <summary><see cref="Buckets"/> as the rows of <paramref name="kind"/> hold them, for a read grouped by <paramref name="groupMs"/> (<see cref="WithHours"/>).</summary>
    public IEnumerable<(RollupPeriod Period, long From, long To)> BucketsOf(RollupDimension kind, long groupMs) =>
        Buckets.SelectMany(b => WithHours(b, kind, groupMs));

    /// <summary>
    /// The instant before which the wide kinds (<see cref="RollupBatchPart.Wide"/>), held in memory by each writer for up to
    /// <paramref name="options"/>' wide window before they are written, are complete in the rollup tables.
    /// </summary>
    public static long WideSettledMs(DateTime now, UsageRollupOptions options)
    {
        // A flush that starts at the end of the window takes a moment to commit: allow a few seconds more.
        var lag = (options.WideFlushInterval > options.FlushInterval ? options.WideFlushInterval : options.FlushInterval) + TimeSpan.FromSeconds(5);
        return RollupBuckets.ToUnixMs(now) - (long)lag.TotalMilliseconds;
    }

    /// <summary>
    /// Whole UTC days from day buckets, the rest from raw records: the split for kinds kept per day only. A partial day
    /// before <paramref name="settledMs"/> is read whichever way touches fewer raw rows: its part of the day from raw
    /// rows, or its whole day's row less the rest of the day (<see cref="SubtractRaw"/>), as a range's first day mostly is.
    /// </summary>
    /// <param name="startMs">Range start.</param>
    /// <param name="endMs">Range end (exclusive).</param>
    /// <param name="settledMs">Rollups are complete only before this instant; later days come from raw rows.</param>
    public static RollupRange SplitDays(long startMs, long endMs, long settledMs = long.MaxValue)
    {
        var range = Edges(startMs, endMs, RollupPeriod.Day, settledMs, (r, a, b) => r.Buckets.Add((RollupPeriod.Day, a, b)));
        var partial = range.Raw.ToArray();
        range.Raw.Clear();
        foreach (var (from, to) in partial)
        {
            if (RestOfDay(from, to) is not var (day, rest) || day + RollupBuckets.DayMs > settledMs)
            {
                range.Raw.Add((from, to));
                continue;
            }

            range.Buckets.Add((RollupPeriod.Day, day, day + RollupBuckets.DayMs));
            range.SubtractRaw.AddRange(rest);
        }

        return range;
    }

    private void ComplementMonths(long daysKeptFromMs)
    {
        for (var i = 0; i < Buckets.Count; i++)
        {
            var (period, from, to) = Buckets[i];
            if (period != RollupPeriod.Day)
            {
                continue;
            }

            var parts = new List<(RollupPeriod Period, long From, long To)>();
            var complemented = false;
            for (var month = RollupBuckets.Floor(RollupPeriod.Month, from); month < to; month = RollupBuckets.Next(RollupPeriod.Month, month))
            {
                var next = RollupBuckets.Next(RollupPeriod.Month, month);
                var (a, b) = (Math.Max(from, month), Math.Min(to, next));
                if ((a - month) + (next - b) >= b - a || month < daysKeptFromMs)
                {
                    parts.Add((RollupPeriod.Day, a, b));
                    continue;
                }

                complemented = true;
                var rest = new List<(RollupPeriod Period, long From, long To)>(2);
                if (month < a)
                {
                    rest.Add((RollupPeriod.Day, month, a));
                }

                if (b < next)
                {
                    rest.Add((RollupPeriod.Day, b, next));
                }

                Complements.Add(new RollupComplement((RollupPeriod.Month, month, next), [(RollupPeriod.Day, a, b)], rest));
                parts.Add((RollupPeriod.Month, month, next));
            }

            if (complemented)
            {
                Buckets.RemoveAt(i);
                Buckets.InsertRange(i, parts);
                i += parts.Count - 1;
            }
        }
    }

    private void ComplementPartialDays(long baseKeptFromMs)
    {
        for (var i = 0; i < Buckets.Count; i++)
        {
            var (period, from, to) = Buckets[i];
            if (period != RollupPeriod.Base || RestOfDay(from, to) is not var (day, rest) || day < baseKeptFromMs)
            {
                continue;
            }

            var enclosing = (RollupPeriod.Day, day, day + RollupBuckets.DayMs);
            Complements.Add(new RollupComplement(enclosing, [Buckets[i]], rest.Select(r => (RollupPeriod.Base, r.From, r.To)).ToList()));
            Buckets[i] = enclosing;
        }
    }

    /// <summary>
    /// A partial day read as its day row less the rest of the day, inside a month read as its month row less its other
    /// days, adds its day row back that the month takes away: the month takes the partial day's rest away instead, and
    /// neither reads that day row (every URL's row of the day, twice).
    /// </summary>
    private void MergeDaysIntoMonths()
    {
        for (var i = Complements.Count - 1; i >= 0; i--)
        {
            var day = Complements[i];
            var (_, dayFrom, dayTo) = day.Enclosing;
            bool Holds((RollupPeriod Period, long From, long To) r) => r.Period == RollupPeriod.Day && r.From <= dayFrom && dayTo <= r.To;
            var m = day.Enclosing.Period == RollupPeriod.Day
                ? Complements.FindIndex(c => c.Enclosing.Period == RollupPeriod.Month && c.Rest.Any(Holds))
                : -1;
            if (m < 0)
            {
                continue;
            }

            var month = Complements[m];
            var rest = new List<(RollupPeriod Period, long From, long To)>(month.Rest.Count + day.Rest.Count + 1);
            foreach (var r in month.Rest)
            {
                if (!Holds(r))
                {
                    rest.Add(r);
                    continue;
                }

                if (r.From < dayFrom)
                {
                    rest.Add((RollupPeriod.Day, r.From, dayFrom));
                }

                rest.AddRange(day.Rest);
                if (dayTo < r.To)
                {
                    rest.Add((RollupPeriod.Day, dayTo, r.To));
                }
            }

            Complements[m] = month with { Parts = [.. month.Parts, .. day.Parts], Rest = rest };
            Complements.RemoveAt(i);
            Buckets.Remove(day.Enclosing);
        }
    }

    /// <summary>
    /// The day around [<paramref name="from"/>, <paramref name="to"/>) and the parts of it outside, when those are shorter
    /// than the part itself (the day's row less them reads fewer rows); null otherwise, or when the part spans days.
    /// </summary>
    private static (long Day, List<(long From, long To)> Outside)? RestOfDay(long from, long to)
    {
        var day = RollupBuckets.FloorBy(from, RollupBuckets.DayMs);
        var dayEnd = day + RollupBuckets.DayMs;
        if (to > dayEnd || (from - day) + (dayEnd - to) >= to - from)
        {
            return null;
        }

        var rest = new List<(long From, long To)>(2);
        if (day < from) rest.Add((day, from));
        if (to < dayEnd) rest.Add((to, dayEnd));
        return (day, rest);
    }

    /// <summary>
    /// Raw rows for what lies outside [a, b), the whole buckets of <paramref name="period"/> inside the range and before
    /// <paramref name="settledMs"/>, and <paramref name="inside"/> to place [a, b) itself; all raw when there is none.
    /// </summary>
    private static RollupRange Edges(long startMs, long endMs, RollupPeriod period, long settledMs, Action<RollupRange, long, long> inside)
    {
        var range = new RollupRange();
        var a = RollupBuckets.Ceiling(period, startMs);
        var b = RollupBuckets.Floor(period, Math.Min(endMs, settledMs));
        if (a >= b)
        {
            range.Raw.Add((startMs, endMs));
            return range;
        }

        if (startMs < a)
        {
            range.Raw.Add((startMs, a));
        }

        inside(range, a, b);
        if (b < endMs)
        {
            range.Raw.Add((b, endMs));
        }

        return range;
    }
}
