using System.Globalization;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// How rollups store <see cref="LatencyHistogram"/> bucket counts: one column per bucket, <c>h0</c> .. <c>hN</c>.
/// The bucket bounds and the bucket rule are <see cref="LatencyHistogram"/>'s, so rollup percentiles and
/// raw-row percentiles are computed identically.
/// </summary>
internal static class RollupHistogram
{
    public static int BucketCount => LatencyHistogram.BucketCount;

    private static readonly string[] Columns = Enumerable.Range(0, LatencyHistogram.BucketCount)
        .Select(i => "h" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string Column(int bucket) => Columns[bucket];

    public static IReadOnlyList<string> AllColumns => Columns;

    /// <summary>Request duration in whole microseconds, rounded half away from zero like SQL <c>ROUND</c>.</summary>
    public static long ToMicroseconds(double seconds) => (long)Math.Round(seconds * 1_000_000, MidpointRounding.AwayFromZero);
}
