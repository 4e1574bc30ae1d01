using Microsoft.EntityFrameworkCore;

namespace UsageDashboard.Data.Retention;

/// <summary>Answers <see cref="IUsageDataCoverage"/> with <c>MIN(date)</c>, one index probe.</summary>
internal sealed class UsageDataCoverage(IDbContextFactory<UsageDbContext> contextFactory) : IUsageDataCoverage
{
    public async Task<DateTime?> GetEarliestRawRecordAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await EarliestRawAsync(context, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<DateTime?> EarliestRawAsync(UsageDbContext context, CancellationToken cancellationToken)
    {
        var earliest = await context.Usage.MinAsync(r => (DateTime?)r.Date, cancellationToken).ConfigureAwait(false);
        return earliest is null ? null : DateTime.SpecifyKind(earliest.Value, DateTimeKind.Utc);
    }
}
