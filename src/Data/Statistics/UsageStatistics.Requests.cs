using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Reading;
using UsageDashboard.Data.Statistics.Sql;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Statistics;

internal sealed partial class UsageStatistics
{
    public async Task<PagedResult<UsageRecord>> GetRequestsAsync(
        UsageFilter filter, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        RequireRange(pageSize, 1, IUsageStatistics.MaxRequestPageSize, nameof(pageSize));
        page = Math.Max(1, page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = Filtered(db, filter);
        var total = await query.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var items = await PageAsync(db, query, filter, page, pageSize, cancellationToken).ConfigureAwait(false);
        return new PagedResult<UsageRecord>(items, total, page, pageSize);
    }

    /// <summary>A page of rows when the total is already known (counted from rollups): only the page is read.</summary>
    internal async Task<PagedResult<UsageRecord>> GetRequestPageAsync(
        UsageFilter filter, int page, int pageSize, long total, CancellationToken cancellationToken)
    {
        filter = Normalize(filter);
        RequireRange(pageSize, 1, IUsageStatistics.MaxRequestPageSize, nameof(pageSize));
        page = Math.Max(1, page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var items = await PageAsync(db, filter, page, pageSize, cancellationToken).ConfigureAwait(false);
        return new PagedResult<UsageRecord>(items, total, page, pageSize);
    }

    public async Task<UsageRecord?> GetRequestAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // No LIMIT: ids are unique, and on PostgreSQL a LIMIT 1 tempted the planner into walking the whole (date, id) key
        // the raw table had then, instead of the BRIN index on id, which reads one range of pages.
        var rows = await db.Usage.AsNoTracking().Where(r => r.Id == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    public async IAsyncEnumerable<UsageRecord> StreamRequestsAsync(
        UsageFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var record in NewestFirst.StreamAsync(db, Filtered(db, filter), filter.Start, filter.End, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>The filter's rows as an EF query, using the same WHERE clause as every aggregate.</summary>
    private static IQueryable<UsageRecord> Filtered(UsageDbContext db, UsageFilter filter)
    {
        var f = SqlFilter.For(SqlDialect.For(db.Database), filter);
        using var command = db.Database.GetDbConnection().CreateCommand();
        var parameters = f.Parameters.Select(p =>
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = p.Key;
            parameter.Value = p.Value;
            return (object)parameter;
        }).ToArray();
#pragma warning disable EF1002 // The SQL text is built from constants; every value is a parameter.
        return db.Usage.FromSqlRaw($"SELECT * FROM {Table} {f.Where}", parameters).AsNoTracking();
#pragma warning restore EF1002
    }

    /// <summary>Page <paramref name="page"/> of the filter's rows, newest first.</summary>
    internal static Task<List<UsageRecord>> PageAsync(
        UsageDbContext db, UsageFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        PageAsync(db, Filtered(db, filter), filter, page, pageSize, cancellationToken);

    /// <summary>Page <paramref name="page"/> of <paramref name="query"/>, the filter's rows, newest first.</summary>
    private static Task<List<UsageRecord>> PageAsync(
        UsageDbContext db, IQueryable<UsageRecord> query, UsageFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        NewestFirst.PageAsync(db, query, filter.Start, filter.End, (long)(page - 1) * pageSize, pageSize, cancellationToken);
}
