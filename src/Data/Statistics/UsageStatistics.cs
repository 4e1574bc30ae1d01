using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Statistics.Sql;

namespace UsageDashboard.Data.Statistics;

/// <summary>
/// <see cref="IUsageStatistics"/> over the usage table. Each method issues a few GROUP BY queries (run
/// concurrently, each on its own context) and shapes their small results; raw rows are read only by the
/// request log and exports. The parts of each page live in the partial files next to this one.
/// </summary>
internal sealed partial class UsageStatistics(IDbContextFactory<UsageDbContext> contexts) : IUsageStatistics
{
    private const string Table = "usage_records";
    private const string Unknown = "Unknown";
    // Status 600-999 (which Kestrel lets an app send) is no success either: a server error, as the rollups count it.
    private const string ServerErrorCount = "SUM(CASE WHEN status >= 500 THEN 1 ELSE 0 END)";
    private const string ClientErrorCount = "SUM(CASE WHEN status >= 400 AND status < 500 THEN 1 ELSE 0 END)";
    private const string StatusClass = "CASE WHEN status >= 100 AND status < 600 THEN status / 100 ELSE 0 END";

    /// <summary>The most time buckets a series may have (a year per hour is 8 760).</summary>
    internal const int MaxBuckets = 10_000;

    private static readonly string LatencyBucket = LatencyHistogram.SqlBucketExpression("speed");

    private readonly SqlRunner _sql = new(contexts);
    private SqlDialect? _dialect;

    private async ValueTask<SqlDialect> DialectAsync(CancellationToken cancellationToken) =>
        _dialect ??= await _sql.DialectAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>UTC, millisecond precision (what both databases store), and End after Start.</summary>
    private static UsageFilter Normalize(UsageFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var start = Truncate(filter.Start);
        var end = Truncate(filter.End);
        if (end <= start)
        {
            throw new ArgumentException($"The filter's End ({end:O}) must be after its Start ({start:O}).", nameof(filter));
        }

        return filter with { Start = start, End = end };
    }

    private static DateTime Truncate(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private static double Share(long part, long total) => total == 0 ? 0 : (double)part / total;

    private static string NameOrUnknown(string? value) => string.IsNullOrEmpty(value) ? Unknown : value;

    /// <summary>The first and last bucket index covering [Start, End).</summary>
    private static (long First, long Last, long SizeMs) BucketRange(UsageFilter filter, TimeSpan? bucketSize)
    {
        var size = bucketSize ?? TimeBuckets.Choose(filter.Duration);
        if (size < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(bucketSize), size, "The bucket size must be at least one second.");
        }

        var sizeMs = (long)size.TotalMilliseconds;
        var first = FloorDiv(ToMs(filter.Start), sizeMs);
        var last = FloorDiv(ToMs(filter.End) - 1, sizeMs);
        if (last - first + 1 > MaxBuckets)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bucketSize), size, $"The range would need more than {MaxBuckets} buckets; choose a larger bucket.");
        }

        return (first, last, sizeMs);
    }

    private static long ToMs(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static DateTime BucketStart(long index, long sizeMs) => DateTime.UnixEpoch.AddMilliseconds((double)index * sizeMs);

    private static void RequireRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be between {min} and {max}.");
        }
    }
}
