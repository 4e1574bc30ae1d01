using System.Globalization;
using System.Text;

namespace UsageDashboard.Data.Statistics;

/// <summary>
/// The one latency histogram of the product: fixed log-scale buckets (the R10 preferred numbers 1, 1.25,
/// 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8 per decade) from 0.1 ms to 100 s, plus an underflow and an overflow
/// bucket. Queries count requests per bucket in SQL and derive percentiles here; pre-aggregated rollups
/// store the same bucket counts, so every percentile in the product is computed the same way.
/// </summary>
/// <remarks>
/// Why a histogram rather than exact percentiles: SQLite has no percentile function, and exact ranks need
/// a sort of every row per group, while a bucket count is one GROUP BY that both databases run identically.
/// Bucket <c>i</c> holds latencies in <c>[LowerBoundMs(i), UpperBoundMs(i))</c>. A percentile is placed by
/// linear interpolation between the smallest and largest latency actually seen in its bucket (when known)
/// or the bucket bounds, which reproduces PostgreSQL's <c>percentile_cont</c> exactly when a bucket holds
/// evenly spread values and is otherwise off by less than one bucket width (25 %, 12.5 % typical).
/// </remarks>
public static class LatencyHistogram
{
    private static readonly string[] R10 = ["1", "1.25", "1.6", "2", "2.5", "3.15", "4", "5", "6.3", "8"];

    // Upper bounds in seconds, parsed from short decimal literals so that the SQL text compares against
    // exactly the same doubles on every database.
    private static readonly string[] SecondsLiterals = BuildLiterals();
    private static readonly double[] UpperSeconds = Array.ConvertAll(SecondsLiterals, s => double.Parse(s, CultureInfo.InvariantCulture));

    // Each bucket's bounds in milliseconds, the open last bucket ending where it starts: what a percentile is placed
    // between where nothing better is known. Computed once, as a table of a thousand URLs places three percentiles each.
    private static readonly double[] BucketLowMs = Enumerable.Range(0, UpperSeconds.Length + 1).Select(LowerBoundMs).ToArray();
    private static readonly double[] BucketHighMs = Enumerable.Range(0, UpperSeconds.Length + 1)
        .Select(i => double.IsPositiveInfinity(UpperBoundMs(i)) ? LowerBoundMs(i) : UpperBoundMs(i)).ToArray();

    /// <summary>Number of buckets (61 finite bounds: 62 buckets).</summary>
    public static int BucketCount => UpperSeconds.Length + 1;

    /// <summary>The inclusive lower bound of bucket <paramref name="bucket"/> in milliseconds (0 for the first).</summary>
    public static double LowerBoundMs(int bucket) => bucket <= 0 ? 0 : UpperSeconds[Math.Min(bucket, UpperSeconds.Length) - 1] * 1000;

    /// <summary>The exclusive upper bound of bucket <paramref name="bucket"/> in milliseconds (infinity for the last).</summary>
    public static double UpperBoundMs(int bucket) => bucket >= UpperSeconds.Length ? double.PositiveInfinity : UpperSeconds[Math.Max(bucket, 0)] * 1000;

    /// <summary>The bucket of a latency given in seconds (the stored <c>speed</c>).</summary>
    public static int BucketOf(double seconds)
    {
        // Same rule as the SQL: the number of bounds that are <= the value.
        var index = Array.BinarySearch(UpperSeconds, seconds);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The percentile <paramref name="p"/> (0-1) in milliseconds from bucket counts only; null when all counts are 0.</summary>
    public static double? Percentile(ReadOnlySpan<long> counts, double p) => Percentile(counts, default, default, p);

    /// <summary>
    /// The percentile <paramref name="p"/> (0-1) in milliseconds from bucket counts and, when given, the smallest
    /// and largest latency (ms) seen in each bucket; null when all counts are 0.
    /// </summary>
    public static double? Percentile(ReadOnlySpan<long> counts, ReadOnlySpan<double> minMs, ReadOnlySpan<double> maxMs, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var (i, k) = Locate(counts, p);
        if (i < 0)
        {
            return null;
        }

        if (i == counts.Length)
        {
            // Unreachable with consistent counts; the last value is the safest answer.
            return Range(counts.Length - 1, minMs, maxMs).Hi;
        }

        var c = counts[i];
        var (lo, hi) = Range(i, minMs, maxMs);
        if (k <= c - 1)
        {
            return c == 1 ? lo : lo + (hi - lo) * (k / (c - 1));
        }

        // Between this bucket's largest value and the next non-empty bucket's smallest.
        var next = i + 1;
        while (next < counts.Length && counts[next] == 0)
        {
            next++;
        }

        var (nextLo, _) = next < counts.Length ? Range(next, minMs, maxMs) : (hi, hi);
        return hi + (nextLo - hi) * (k - (c - 1));
    }

    /// <summary>
    /// The percentile <paramref name="p"/> (0-1) in milliseconds from bucket counts, its values placed between the bucket
    /// bounds, except that the smallest and largest latency seen in the whole histogram (ms) bound its first and last
    /// non-empty buckets; null when all counts are 0.
    /// </summary>
    public static double? PercentileBetweenExtremes(ReadOnlySpan<long> counts, double minMs, double maxMs, double p)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(counts.Length, BucketCount, nameof(counts));
        var first = counts.IndexOfAnyExcept(0L);
        if (first < 0)
        {
            return null;
        }

        Span<double> lo = stackalloc double[counts.Length];
        Span<double> hi = stackalloc double[counts.Length];
        BucketLowMs.AsSpan(0, counts.Length).CopyTo(lo);
        BucketHighMs.AsSpan(0, counts.Length).CopyTo(hi);
        lo[first] = minMs;
        hi[counts.LastIndexOfAnyExcept(0L)] = maxMs;
        return Percentile(counts, lo, hi, p);
    }

    /// <summary>
    /// The bucket <see cref="Percentile(ReadOnlySpan{long}, ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/> places
    /// percentile <paramref name="p"/> in: the one bucket whose smallest and largest latency it reads (and the next
    /// non-empty bucket's smallest); -1 when all counts are 0.
    /// </summary>
    public static int PercentileBucket(ReadOnlySpan<long> counts, double p)
    {
        var (bucket, _) = Locate(counts, p);
        return bucket == counts.Length ? -1 : bucket;
    }

    /// <summary>Histogram bars from the first to the last non-empty bucket.</summary>
    public static IReadOnlyList<LatencyBucket> Bars(ReadOnlySpan<long> counts)
    {
        var first = counts.IndexOfAnyExcept(0L);
        if (first < 0)
        {
            return [];
        }

        var last = counts.LastIndexOfAnyExcept(0L);
        var result = new List<LatencyBucket>(last - first + 1);
        for (var i = first; i <= last; i++)
        {
            result.Add(new LatencyBucket(LowerBoundMs(i), UpperBoundMs(i), counts[i]));
        }

        return result;
    }

    /// <summary>
    /// The bucket holding the 0-based fractional rank p*(n-1) (as <c>percentile_cont</c>) and the rank's offset within it:
    /// -1 when all counts are 0, the bucket count when the counts do not add up.
    /// </summary>
    private static (int Bucket, double Offset) Locate(ReadOnlySpan<long> counts, double p)
    {
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        if (total == 0)
        {
            return (-1, 0);
        }

        var rank = p * (total - 1);
        long before = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0 && rank < before + counts[i])
            {
                return (i, rank - before);
            }

            before += counts[i];
        }

        return (counts.Length, 0);
    }

    private static (double Lo, double Hi) Range(int bucket, ReadOnlySpan<double> minMs, ReadOnlySpan<double> maxMs)
    {
        if (bucket < minMs.Length && bucket < maxMs.Length)
        {
            return (minMs[bucket], maxMs[bucket]);
        }

        // Past the last bucket (a longer histogram than this one) is the open last bucket, as LowerBoundMs clamps it.
        var i = Math.Min(bucket, BucketLowMs.Length - 1);
        return (BucketLowMs[i], BucketHighMs[i]);
    }

    /// <summary>
    /// A portable SQL expression giving the bucket index of <paramref name="secondsColumn"/>: a balanced tree of
    /// CASE comparisons (six per row instead of up to 61), with the same literals on every database.
    /// </summary>
    internal static string SqlBucketExpression(string secondsColumn)
    {
        var sb = new StringBuilder();
        Append(sb, secondsColumn, 0, UpperSeconds.Length);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string column, int lo, int hi)
    {
        if (lo == hi)
        {
            sb.Append(lo.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var mid = (lo + hi + 1) / 2;
        sb.Append("CASE WHEN ").Append(column).Append(" < ").Append(SecondsLiterals[mid - 1]).Append(" THEN ");
        Append(sb, column, lo, mid - 1);
        sb.Append(" ELSE ");
        Append(sb, column, mid, hi);
        sb.Append(" END");
    }

    private static string[] BuildLiterals()
    {
        var list = new List<string>();
        // Decades of milliseconds from 0.1 ms (1e-4 s) to 10 s-100 s (1e1 s), then the 100 s bound.
        for (var exponent = -4; exponent <= 1; exponent++)
        {
            foreach (var mantissa in R10)
            {
                var value = decimal.Parse(mantissa, CultureInfo.InvariantCulture) * Pow10(exponent);
                list.Add(value.ToString("0.##########", CultureInfo.InvariantCulture));
            }
        }

        list.Add("100");
        return [.. list];
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent > 0 ? result * 10 : result / 10;
        }

        return result;
    }
}
