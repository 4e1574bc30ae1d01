namespace UsageDashboard.Data.Rollups;

/// <summary>The conflict target of <c>usage_rollups</c>; ordinal string equality.</summary>
internal readonly record struct RollupKey(
    RollupPeriod Period, RollupDimension Kind, long BucketStart, string App, string Group, bool Bot, string Key) : IComparable<RollupKey>
{
    /// <summary>Primary-key order, so concurrent writers on PostgreSQL lock rows in the same order and never deadlock.</summary>
    public int CompareTo(RollupKey other)
    {
        // As numbers: an enum's own CompareTo takes an object, boxing both values for every comparison of a sort.
        var c = ((short)Period).CompareTo((short)other.Period);
        if (c != 0) return c;
        c = ((short)Kind).CompareTo((short)other.Kind);
        if (c != 0) return c;
        c = BucketStart.CompareTo(other.BucketStart);
        if (c != 0) return c;
        c = string.CompareOrdinal(App, other.App);
        if (c != 0) return c;
        c = string.CompareOrdinal(Group, other.Group);
        if (c != 0) return c;
        c = Bot.CompareTo(other.Bot);
        return c != 0 ? c : string.CompareOrdinal(Key, other.Key);
    }
}
