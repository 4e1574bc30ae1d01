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
/// windows that walk back from its end. Each window is counted first: a window whose rows all precede the page is
/// skipped on its count alone, and one that holds more rows than are cheap to sort is narrowed first. Windows grow
/// while they hold few rows, so a sparse or empty range takes a few dozen queries at most.
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
        var span = FirstWindow;
        for (var end = to; end > from && page.Count < take;)
        {
            (var start, var count, span) = await WindowAsync(rows, from, end, span, skip, cancellationToken).ConfigureAwait(false);
            if (count <= skip)
            {
                // Counting is cheap next to sorting: skipped windows double.
                skip -= count;
                span += span;
            }
            else
            {
                page.AddRange(await Ordered(Within(rows, start, end)).Skip((int)skip).Take(take - page.Count)
                    .ToListAsync(cancellationToken).ConfigureAwait(false));
                skip = 0;
                span = Grown(span, count);
            }

            end = start;
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

        var span = FirstWindow;
        for (var end = to; end > from;)
        {
            (var start, var count, span) = await WindowAsync(rows, from, end, span, 0, cancellationToken).ConfigureAwait(false);
            if (count > 0)
            {
                await foreach (var record in Ordered(Within(rows, start, end)).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    yield return record;
                }
            }

            span = Grown(span, count);
            end = start;
        }
    }

    /// <summary>
    /// The window that ends at <paramref name="end"/>, with its row count and span: <paramref name="span"/> long, or
    /// narrower when that many rows would be costly to sort and not all of them are skipped.
    /// </summary>
    private static async Task<(DateTime Start, long Count, TimeSpan Span)> WindowAsync(
        IQueryable<UsageRecord> rows, DateTime from, DateTime end, TimeSpan span, long skip, CancellationToken cancellationToken)
    {
        while (true)
        {
            var start = WindowStart(from, end, span);
            var count = await Within(rows, start, end).LongCountAsync(cancellationToken).ConfigureAwait(false);
            if (count <= skip || count <= 2L * WindowRows || span <= MinWindow)
            {
                return (start, count, span);
            }

            // Aim at WindowRows, as if the rows were spread evenly over the window.
            var length = (end - start).Ticks;
            span = TimeSpan.FromTicks(Math.Max(MinWindow.Ticks, (long)(length * ((double)WindowRows / count))));
        }
    }

    /// <summary>The next window's span after one of <paramref name="count"/> rows: doubled while windows hold few rows.</summary>
    private static TimeSpan Grown(TimeSpan span, long count) => count < WindowRows / 2 ? span + span : span;

    /// <summary><paramref name="end"/> less <paramref name="span"/>, but not before <paramref name="from"/> (nor before year 1).</summary>
    private static DateTime WindowStart(DateTime from, DateTime end, TimeSpan span) =>
        end - from <= span ? from : end - span;

    private static IQueryable<UsageRecord> Within(IQueryable<UsageRecord> rows, DateTime start, DateTime end) =>
        rows.Where(r => r.Date >= start && r.Date < end);

    private static IQueryable<UsageRecord> Ordered(IQueryable<UsageRecord> rows) =>
        rows.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id);
}
