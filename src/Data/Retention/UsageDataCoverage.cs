using Microsoft.EntityFrameworkCore;

namespace UsageDashboard.Data.Retention;

/// <summary>Answers <see cref="IUsageDataCoverage"/> with <c>MIN(date)</c>.</summary>
internal sealed class UsageDataCoverage(IDbContextFactory<UsageDbContext> contextFactory) : IUsageDataCoverage
{
    /// <summary>The rows first in storage order whose dates bound the earliest date on PostgreSQL.</summary>
    private const int BoundingRows = 1000;

    public async Task<DateTime?> GetEarliestRawRecordAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await EarliestRawAsync(context, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<DateTime?> EarliestRawAsync(UsageDbContext context, CancellationToken cancellationToken)
    {
        var rows = context.Usage.AsQueryable();
        if (context.Database.IsNpgsql())
        {
            // SQLite's date index answers MIN(date) with one probe. PostgreSQL indexes dates by block range, which
            // cannot; a plain MIN would read the whole table. But any row's date bounds the earliest from above, and
            // rows arrive in time order, so the first rows stored (the oldest partition's first pages) give a bound
            // at or near it, and the block-range index reads only the ranges that start at or before the bound.
            var bound = await context.Database
                .SqlQueryRaw<DateTime?>($"SELECT min(date) AS \"Value\" FROM (SELECT date FROM {Configuration.UsageRecordConfiguration.Table} LIMIT {BoundingRows}) AS first_rows")
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            if (bound is null)
            {
                return null;
            }

            rows = rows.Where(r => r.Date <= bound.Value);
        }

        var earliest = await rows.MinAsync(r => (DateTime?)r.Date, cancellationToken).ConfigureAwait(false);
        return earliest is null ? null : DateTime.SpecifyKind(earliest.Value, DateTimeKind.Utc);
    }
}
