using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Reading;

/// <summary>
/// Raw records of a time range newest first (ties by id, newest first): a page of them, or all of them as a stream.
/// </summary>
/// <remarks>
/// On SQLite one query walks the date index backwards and stops at the page's end. PostgreSQL has no b-tree on the
/// date, because a b-tree costs every inserted row about a quarter of its insert (the raw table's dates are indexed
/// by block range instead: see <see cref="Rollups.PostgreSqlPartitioning.IndexDatesByBlockRangeSql"/>). A block-range
/// index finds the rows of a short time range cheaply but cannot hand them over in order, so the range is read in
/// windows that walk back from its end. Each window is counted first: one whose rows all precede the page is passed
/// over on its count alone, and one that holds more rows than are cheap to sort is halved toward its end, each step
/// counting only the newer half. Windows double while they hold few rows, so a sparse or empty range takes a few dozen
/// queries at most.
/// </remarks>
internal static class NewestFirst
{
    /// <summary>The newest window of a PostgreSQL walk.</summary>
    internal static readonly TimeSpan FirstWindow = TimeSpan.FromMinutes(15);

    /// <summary>The rows a window aims at: enough to keep queries few, few enough to sort in memory.</summary>
    internal const int WindowRows = 20_000;

    /// <summary>The narrowest window: the dates' precision.</summary>
    private static readonly TimeSpan MinWindow = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of <paramref name="rows"/>
    /// (already limited to [<paramref name="from"/>, <paramref name="to"/>)) in newest-first order.
    /// </summary>
    public static async Task<List<UsageRecord>> PageAsync(
        UsageDbContext db, IQueryable<UsageRecord> rows, DateTime from, DateTime to, long skip, int take,
        CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return skip > int.MaxValue
                ? []
                : await Ordered(rows).Skip((int)skip).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var page = new List<UsageRecord>(Math.Min(take, 1024));
        await foreach (var (start, end, offset) in WindowsAsync(rows, from, to, skip, cancellationToken).ConfigureAwait(false))
        {
            page.AddRange(await Ordered(Within(rows, start, end)).Skip((int)offset).Take(take - page.Count)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
            if (page.Count >= take)
            {
                break;
            }
        }

        return page;
    }

    /// <summary>Every row of <paramref name="rows"/> (already limited to [<paramref name="from"/>, <paramref name="to"/>)), newest first.</summary>
    public static async IAsyncEnumerable<UsageRecord> StreamAsync(
        UsageDbContext db, IQueryable<UsageRecord> rows, DateTime from, DateTime to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await foreach (var record in Ordered(rows).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }

            yield break;
        }

        await foreach (var (start, end, _) in WindowsAsync(rows, from, to, 0, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var record in Ordered(Within(rows, start, end)).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// The windows to read, newest first, with how many of a window's newest rows to pass over: every window holding
    /// rows after the first <paramref name="skip"/>, each with at most twice <see cref="WindowRows"/> rows.
    /// </summary>
    private static async IAsyncEnumerable<(DateTime Start, DateTime End, long Offset)> WindowsAsync(
        IQueryable<UsageRecord> rows, DateTime from, DateTime to, long skip,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var span = FirstWindow;
        for (var end = to; end > from;)
        {
            var start = WindowStart(from, end, span);
            var count = await CountAsync(rows, start, end, cancellationToken).ConfigureAwait(false);

            // Too many rows to sort, and reading starts among them: halve the window, counting only its newer half.
            // A newer half that is passed over whole is left behind; otherwise the older half waits for a later window.
            while (count > skip && count > 2L * WindowRows && end - start > MinWindow)
            {
                var middle = start + (end - start) / 2;
                var newer = await CountAsync(rows, middle, end, cancellationToken).ConfigureAwait(false);
                if (newer <= skip)
                {
                    skip -= newer;
                    count -= newer;
                    end = middle;
                }
                else
                {
                    start = middle;
                    count = newer;
                }
            }

            // Halving keeps more rows than are skipped, so only a window counted whole is passed over.
            var passedOver = count <= skip;
            if (passedOver)
            {
                skip -= count;
            }
            else
            {
                yield return (start, end, skip);
                skip = 0;
            }

            // Windows double while they hold few rows, and always while they are only counted.
            span = passedOver || count < WindowRows / 2 ? (end - start) * 2 : end - start;
            end = start;
        }
    }

    private static Task<long> CountAsync(IQueryable<UsageRecord> rows, DateTime start, DateTime end, CancellationToken cancellationToken) =>
        Within(rows, start, end).LongCountAsync(cancellationToken);

    /// <summary><paramref name="end"/> less <paramref name="span"/>, but not before <paramref name="from"/> (nor before year 1).</summary>
    private static DateTime WindowStart(DateTime from, DateTime end, TimeSpan span) =>
        end - from <= span ? from : end - span;

    private static IQueryable<UsageRecord> Within(IQueryable<UsageRecord> rows, DateTime start, DateTime end) =>
        rows.Where(r => r.Date >= start && r.Date < end);

    private static IQueryable<UsageRecord> Ordered(IQueryable<UsageRecord> rows) =>
        rows.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id);
}
