namespace UsageDashboard.Data.Rollups;

/// <summary>
/// Counts the visitor rows a flush created (first sight of a visitor that day, application and bot flag) and turns the
/// counts into <see cref="RollupDimension.VisitorCount"/> rows, so unique visitors over any whole days are a sum of a
/// few rows instead of a distinct count over every visitor row.
/// </summary>
/// <remarks>
/// Visitor ids are salted per day (a visitor is not followable across days), so unique visitors over a range are the
/// sum of each day's: the same rule the raw statistics apply.
/// </remarks>
internal sealed class RollupVisitorTally
{
    private readonly Dictionary<(long Day, string App, bool Bot), long> _created = [];

    /// <summary>Splits a flush's count rows into visitor rows, which need first-sight detection, and the rest.</summary>
    public static (KeyValuePair<RollupKey, RollupSums>[] Visitors, KeyValuePair<RollupKey, RollupSums>[] Others) Split(
        KeyValuePair<RollupKey, RollupSums>[] rows)
    {
        var visitors = Array.FindAll(rows, r => r.Key.Kind == RollupDimension.Visitor);
        return visitors.Length == 0 ? (visitors, rows) : (visitors, Array.FindAll(rows, r => r.Key.Kind != RollupDimension.Visitor));
    }

    /// <summary>A visitor row of <paramref name="day"/> was inserted, not updated.</summary>
    public void Created(long day, string app, bool bot)
    {
        var key = (day, app, bot);
        _created[key] = _created.GetValueOrDefault(key) + 1;
    }

    /// <summary>Day and month <see cref="RollupDimension.VisitorCount"/> rows to add, in primary-key order.</summary>
    public KeyValuePair<RollupKey, RollupSums>[] Rows()
    {
        var rows = new Dictionary<RollupKey, RollupSums>();
        foreach (var ((day, app, bot), created) in _created)
        {
            foreach (var key in (RollupKey[])[
                new(RollupPeriod.Day, RollupDimension.VisitorCount, day, app, "", bot, ""),
                new(RollupPeriod.Month, RollupDimension.VisitorCount, RollupBuckets.Floor(RollupPeriod.Month, day), app, "", bot, "")])
            {
                if (!rows.TryGetValue(key, out var sums))
                {
                    sums = new RollupSums();
                    rows.Add(key, sums);
                }

                sums.Counts.Hits += created;
            }
        }

        var sorted = rows.ToArray();
        Array.Sort(sorted, static (x, y) => x.Key.CompareTo(y.Key));
        return sorted;
    }
}
