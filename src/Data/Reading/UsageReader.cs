using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Storage;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Reading;

/// <summary>
/// GetUsage over the usage database: a time range, newest first (ties broken by id, newest first),
/// paged (<see cref="NewestFirst"/>).
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
        var from = UsageColumn.NormalizeBound(start);
        var to = UsageColumn.NormalizeBound(end);
        if (to <= from)
        {
            return [];
        }

        var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var rows = context.Usage.AsNoTracking().Where(r => r.Date >= from && r.Date < to);
            return await NewestFirst.PageAsync(context, rows, from, to, skip, limit, cancellationToken).ConfigureAwait(false);
        }
    }
}
