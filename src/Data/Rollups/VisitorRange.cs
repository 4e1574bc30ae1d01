namespace UsageDashboard.Data.Rollups;

/// <summary>
/// How unique visitors over a range are counted: visitor ids are salted per day, so the count is the sum over the days
/// the range touches of the visitors seen in that day's part of the range. Whole days read their daily count; a day's
/// head (from midnight) counts the visitor rows first seen before the range ends, a day's tail (to midnight) those last
/// seen at or after it starts; the rest reads raw rows.
/// </summary>
/// <remarks>
/// Visitor rows are complete only before the settled instant (the wide window plus a margin), so a head that reaches past
/// it (<see cref="Recent"/>) takes the rows first seen before that instant plus the raw visitors after it that those rows
/// do not already hold. A day's middle (neither edge on midnight) has no such shortcut and reads raw rows.
/// </remarks>
internal sealed class VisitorRange
{
    /// <summary>Settled whole days [From, To), summed from the daily visitor counts.</summary>
    public (long From, long To)? WholeDays { get; private set; }

    /// <summary>Day starting at <c>Day</c>, from midnight to <c>To</c> (before the settled instant): rows first seen before <c>To</c>.</summary>
    public List<(long Day, long To)> Heads { get; } = [];

    /// <summary>Day starting at <c>Day</c>, from <c>From</c> to the next midnight (settled): rows last seen at or after <c>From</c>.</summary>
    public List<(long Day, long From)> Tails { get; } = [];

    /// <summary>Day starting at <c>Day</c>, from midnight to <c>To</c>, past the settled instant <c>Settled</c>.</summary>
    public (long Day, long Settled, long To)? Recent { get; private set; }

    /// <summary>Ranges counted from raw rows (per day, as the raw statistics count).</summary>
    public List<(long From, long To)> Raw { get; } = [];

    public static VisitorRange Split(long startMs, long endMs, long settledMs)
    {
        const long day = RollupBuckets.DayMs;
        var range = new VisitorRange();
        var firstDay = RollupBuckets.FloorBy(startMs, day);
        if (firstDay == RollupBuckets.FloorBy(endMs - 1, day) && startMs != firstDay && endMs != firstDay + day)
        {
            range.Raw.Add((startMs, endMs));
            return range;
        }

        var wholeFrom = RollupBuckets.Ceiling(RollupPeriod.Day, startMs);
        var wholeTo = RollupBuckets.FloorBy(endMs, day);
        if (startMs < wholeFrom)
        {
            range.AddTail(wholeFrom - day, startMs, settledMs);
        }

        if (wholeFrom < wholeTo)
        {
            // Days ending before the settled instant have final counts; a later one is a head that reaches past it.
            var settledTo = Math.Min(wholeTo, RollupBuckets.FloorBy(settledMs, day));
            if (wholeFrom < settledTo)
            {
                range.WholeDays = (wholeFrom, settledTo);
            }

            var unsettled = Math.Max(wholeFrom, settledTo);
            if (unsettled < wholeTo)
            {
                range.AddHead(unsettled, unsettled + day, settledMs);
                if (unsettled + day < wholeTo)
                {
                    range.Raw.Add((unsettled + day, wholeTo));
                }
            }
        }

        if (wholeTo < endMs && wholeTo >= startMs)
        {
            range.AddHead(wholeTo, endMs, settledMs);
        }

        return range;
    }

    private void AddTail(long dayStart, long fromMs, long settledMs)
    {
        if (dayStart + RollupBuckets.DayMs <= settledMs)
        {
            Tails.Add((dayStart, fromMs));
        }
        else
        {
            Raw.Add((fromMs, dayStart + RollupBuckets.DayMs));
        }
    }

    private void AddHead(long dayStart, long toMs, long settledMs)
    {
        if (toMs <= settledMs)
        {
            Heads.Add((dayStart, toMs));
        }
        else if (settledMs <= dayStart || Recent is not null)
        {
            Raw.Add((dayStart, toMs));
        }
        else
        {
            Recent = (dayStart, settledMs, toMs);
        }
    }
}
