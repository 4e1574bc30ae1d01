namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The conflict target of <c>usage_latency_rollups</c>, in its primary-key order; ordinal string equality.
/// <paramref name="Kind"/> is <see cref="RollupDimension.Total"/> (key empty), <see cref="RollupDimension.Route"/> or <see cref="RollupDimension.Path"/>.
/// </summary>
internal readonly record struct LatencyKey(RollupPeriod Period, RollupDimension Kind, long BucketStart, string App, string Group, bool Bot, string Key)
    : IComparable<LatencyKey>
{
    public int CompareTo(LatencyKey other)
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
