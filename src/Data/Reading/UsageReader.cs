using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Storage;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Reading;

/// <summary>
/// GetUsage over the usage database: a time range, newest first (ties broken by id, newest first),
/// paged. Served by the date index on both providers.
/// </summary>
internal sealed class UsageReader(IDbContextFactory<UsageDbContext> contexts) : IUsageReader
{
    public async Task<IReadOnlyList<UsageRecord>> GetUsageAsync(
        DateTime start, DateTime end, int limit = 500, int page = 1, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > IUsageReader.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit,
                $"limit must be between 1 and {IUsageReader.MaxLimit}.");
        }

        page = Math.Max(page, 1);
        var skip = (long)(page - 1) * limit;
        if (skip > int.MaxValue)
        {
            return [];
        }

        var from = UsageColumn.NormalizeBound(start);
        var to = UsageColumn.NormalizeBound(end);
        if (to <= from)
        {
            return [];
        }

        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            return await context.Usage
                .AsNoTracking()
                .Where(r => r.Date >= from && r.Date < to)
                .OrderByDescending(r => r.Date)
                .ThenByDescending(r => r.Id)
                .Skip((int)skip)
                .Take(limit)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
