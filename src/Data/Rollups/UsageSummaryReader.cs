using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Storage;

namespace UsageDashboard.Data.Rollups;

/// <summary>Reads <see cref="IUsageSummaryReader"/> rows from <c>usage_rollups</c> with a GROUP BY query over the newest periods the page needs.</summary>
internal sealed class UsageSummaryReader(IDbContextFactory<UsageDbContext> contextFactory) : IUsageSummaryReader
{
    public async Task<IReadOnlyList<UsageSummaryRow>> GetSummaryAsync(
        SummaryKind kind, SummaryPeriod period, DateTime start, DateTime end, int limit = 500, int page = 1,
        string? target = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IUsageSummaryReader.MaxLimit);
        // Keys are stored as the raw table stores text: a target is compared in the same form.
        target = UsageText.Clean(target, null);
        if (end <= start)
        {
            throw new ArgumentException("The end must be after the start.", nameof(end));
        }

        if (kind == SummaryKind.Visitor && period == SummaryPeriod.Hour)
        {
            throw new ArgumentException("Visitor summaries exist per day and per month only.", nameof(period));
        }

        page = Math.Max(page, 1);
        var startMs = RollupBuckets.ToUnixMs(DateTime.SpecifyKind(start, DateTimeKind.Utc));
        var endMs = RollupBuckets.ToUnixMs(DateTime.SpecifyKind(end, DateTimeKind.Utc));

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);

        // Visitors live in day rows only; months are summed from them. Hours are summed from 15-minute rows.
        var (stored, bucketExpr, from) = (kind, period) switch
        {
            (SummaryKind.Visitor, SummaryPeriod.Month) => (RollupPeriod.Day, sql.MonthFloorMs("bucket_start"), RollupBuckets.Floor(RollupPeriod.Month, startMs)),
            (_, SummaryPeriod.Hour) => (RollupPeriod.Base, RollupSql.FloorMs("bucket_start", RollupBuckets.HourMs), RollupBuckets.FloorBy(startMs, RollupBuckets.HourMs)),
            (_, SummaryPeriod.Day) => (RollupPeriod.Day, "bucket_start", RollupBuckets.Floor(RollupPeriod.Day, startMs)),
            _ => (RollupPeriod.Month, "bucket_start", RollupBuckets.Floor(RollupPeriod.Month, startMs)),
        };
        var (dimension, keyColumn) = kind switch
        {
            SummaryKind.Url => (RollupDimension.Path, "dim_key"),
            SummaryKind.Remote => (RollupDimension.Remote, "dim_key"),
            SummaryKind.UserAgent => (RollupDimension.Browser, "dim_key"),
            SummaryKind.Language => (RollupDimension.Language, "dim_key"),
            SummaryKind.Server => (RollupDimension.Total, "app"),
            SummaryKind.Visitor => (RollupDimension.Visitor, "dim_key"),
            SummaryKind.Geo => (RollupDimension.Country, "dim_key"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var text = $"SELECT {bucketExpr} AS b, {keyColumn} AS k, SUM(hits) AS hits, SUM(bytes), SUM(errors), SUM(client_errors), SUM(duration_sum_us) "
            + $"FROM {RollupSql.Counts} WHERE period = {(short)stored} AND kind = {(short)dimension} "
            + "AND bucket_start >= @from AND bucket_start < @to"
            + (target is null ? "" : $" AND {keyColumn} = @target")
            + " GROUP BY 1, 2 ORDER BY 1 DESC, 3 DESC, 2 LIMIT @limit OFFSET @offset";

        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Rows are ordered by period first, so the groups of the newest n periods are exactly the first rows of the whole
        // result: a page needs only as many of the newest periods as hold it. The window starts at the newest period and
        // doubles until it holds the page or covers the range (at most twice the work of one query over the range; a month
        // of remote addresses by hour went from summing four million rows to the newest hour's). With a target, a period holds
        // one row at most, so the range is read in one query.
        var newest = 1;
        while (true)
        {
            var windowFrom = target is null && newest <= MaxWindow ? Math.Max(from, WindowStart(period, endMs, newest)) : from;
            var rows = await ReadAsync(connection, text, windowFrom, endMs, limit, page, target, cancellationToken).ConfigureAwait(false);
            if (rows.Count == limit || windowFrom <= from)
            {
                return rows;
            }

            newest *= 2;
        }
    }

    /// <summary>Beyond this many periods (a century of hours) the window is the whole range.</summary>
    private const int MaxWindow = 1 << 20;

    /// <summary>The start of the <paramref name="count"/>-th newest <paramref name="period"/> before <paramref name="endMs"/>.</summary>
    private static long WindowStart(SummaryPeriod period, long endMs, int count)
    {
        var last = endMs - 1;
        return period switch
        {
            SummaryPeriod.Hour => RollupBuckets.FloorBy(last, RollupBuckets.HourMs) - (count - 1L) * RollupBuckets.HourMs,
            SummaryPeriod.Day => RollupBuckets.FloorBy(last, RollupBuckets.DayMs) - (count - 1L) * RollupBuckets.DayMs,
            _ => MonthsBack(RollupBuckets.FromUnixMs(RollupBuckets.Floor(RollupPeriod.Month, last)), count - 1),
        };
    }

    // Before the first month of the calendar the window is the whole range.
    private static long MonthsBack(DateTime month, int back) =>
        back >= (month.Year - 1) * 12 + month.Month - 1 ? long.MinValue : RollupBuckets.ToUnixMs(month.AddMonths(-back));

    private static async Task<List<UsageSummaryRow>> ReadAsync(
        DbConnection connection, string text, long from, long to, int limit, int page, string? target, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        AddParameter(command, "@from", from);
        AddParameter(command, "@to", to);
        AddParameter(command, "@limit", (long)limit);
        AddParameter(command, "@offset", (long)limit * (page - 1));
        if (target is not null)
        {
            AddParameter(command, "@target", target);
        }

        var rows = new List<UsageSummaryRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var hits = Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            var durationUs = Convert.ToDouble(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(new UsageSummaryRow(
                RollupBuckets.FromUnixMs(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)),
                reader.GetString(1),
                hits,
                Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                hits == 0 ? 0 : durationUs / hits / 1000.0));
        }

        return rows;
    }

    internal static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
