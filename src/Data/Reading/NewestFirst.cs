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
/// windows that walk back from its end: each window is small enough to sort, and windows grow while they come back
/// short, so that a sparse or empty range takes a few dozen queries at most.
/// </remarks>
internal static class NewestFirst
{
    /// <summary>The newest window of a PostgreSQL walk; later windows double while they hold too few rows.</summary>
    internal static readonly TimeSpan FirstWindow = TimeSpan.FromMinutes(15);

    /// <summary>The rows a streamed window aims at: enough to keep queries few, few enough to sort in memory.</summary>
    internal const int StreamWindowRows = 20_000;

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
        for (var end = to; end > from && page.Count < take; span += span)
        {
            var start = WindowStart(from, end, span);
            var window = Within(rows, start, end);
            if (skip > 0)
            {
                // Whole windows before the page are counted, not read.
                var count = await window.LongCountAsync(cancellationToken).ConfigureAwait(false);
                if (count <= skip)
                {
                    skip -= count;
                    end = start;
                    continue;
                }
            }

            page.AddRange(await Ordered(window).Skip((int)skip).Take(take - page.Count)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
            skip = 0;
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
            var start = WindowStart(from, end, span);
            var read = 0;
            await foreach (var record in Ordered(Within(rows, start, end)).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                read++;
                yield return record;
            }

            // Aim the next window at StreamWindowRows: busy hours shrink it, quiet ones grow it.
            if (read < StreamWindowRows / 2)
            {
                span += span;
            }
            else if (read > StreamWindowRows * 2 && span > TimeSpan.FromSeconds(2))
            {
                span /= 2;
            }

            end = start;
        }
    }

    /// <summary><paramref name="end"/> less <paramref name="span"/>, but not before <paramref name="from"/> (nor before year 1).</summary>
    private static DateTime WindowStart(DateTime from, DateTime end, TimeSpan span) =>
        end - from <= span ? from : end - span;

    private static IQueryable<UsageRecord> Within(IQueryable<UsageRecord> rows, DateTime start, DateTime end) =>
        rows.Where(r => r.Date >= start && r.Date < end);

    private static IQueryable<UsageRecord> Ordered(IQueryable<UsageRecord> rows) =>
        rows.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id);
}
