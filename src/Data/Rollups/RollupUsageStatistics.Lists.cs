using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Data.Storage;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

internal sealed partial class RollupUsageStatistics
{
    public async Task<IReadOnlyList<string>> GetApplicationsAsync(CancellationToken cancellationToken = default) =>
        await MonthListAsync("app", null, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<string>> GetGroupsAsync(string? application = null, CancellationToken cancellationToken = default) =>
        await MonthListAsync("grp", string.IsNullOrEmpty(application) ? null : UsageText.Clean(application, null), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A page of the request log: the rows from the raw table (newest first, through the date index), the total from
    /// rollups where they can count the filter (application, group, bot flag, plus one status, status class or country
    /// criterion), since counting every matching raw row is what made the log slow on large ranges.
    /// </summary>
    public async Task<PagedResult<UsageRecord>> GetRequestsAsync(UsageFilter filter, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        if (raw is not UsageStatistics rows)
        {
            return await raw.GetRequestsAsync(filter, page, pageSize, cancellationToken).ConfigureAwait(false);
        }

        var normalized = Normalize(filter);
        var total = await CountAsync(normalized, cancellationToken).ConfigureAwait(false);
        return total is null
            ? await raw.GetRequestsAsync(filter, page, pageSize, cancellationToken).ConfigureAwait(false)
            : await rows.GetRequestPageAsync(filter, page, pageSize, total.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Requests matching the filter, from rollups; null when rollups cannot count it.</summary>
    private async Task<long?> CountAsync(UsageFilter filter, CancellationToken cancellationToken)
    {
        var criteria = (filter.Status is null ? 0 : 1) + (filter.StatusClass is null ? 0 : 1) + (string.IsNullOrEmpty(filter.CountryCode) ? 0 : 1);
        var rest = filter with { Status = null, StatusClass = null, CountryCode = null };
        if (criteria > 1 || !Eligible(rest))
        {
            return null;
        }

        var (startMs, endMs) = Ms(filter);
        var range = RollupRange.Split(startMs, endMs, useDays: true);
        if (filter.Status is { } status)
        {
            var byStatus = await CountsAsync(RollupDimension.Status, rest, range, 0, cancellationToken).ConfigureAwait(false);
            var key = status.ToString(CultureInfo.InvariantCulture);
            return byStatus.Where(r => r.Key == key).Sum(r => r.Hits);
        }

        if (filter.StatusClass is { } statusClass)
        {
            var byStatus = await CountsAsync(RollupDimension.Status, rest, range, 0, cancellationToken).ConfigureAwait(false);
            return byStatus
                .Where(r => int.TryParse(r.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s / 100 == statusClass)
                .Sum(r => r.Hits);
        }

        if (!string.IsNullOrEmpty(filter.CountryCode))
        {
            var byCountry = await CountsAsync(RollupDimension.Country, rest, range, 0, cancellationToken).ConfigureAwait(false);
            var code = filter.CountryCode.ToUpperInvariant();
            return byCountry
                .Where(r => (string.IsNullOrEmpty(r.Key) ? UsageFilter.UnknownCountryCode : r.Key.ToUpperInvariant()) == code)
                .Sum(r => r.Hits);
        }

        var totals = await CountsAsync(RollupDimension.Total, rest, range, 0, cancellationToken).ConfigureAwait(false);
        return totals.Sum(r => r.Hits);
    }

    /// <summary>Distinct non-empty values of a key column over all monthly totals (monthly rollups are kept forever).</summary>
    private async Task<IReadOnlyList<string>> MonthListAsync(string column, string? application, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var app = application is null ? "" : $" AND app = {q.Add(application)}";
        var ordered = sql.IsPostgres ? $"{column} COLLATE \"C\"" : column;
        var text = $"SELECT {column} FROM {RollupSql.Counts} WHERE period = {(short)RollupPeriod.Month} AND kind = {(short)RollupDimension.Total} "
            + $"AND {column} <> ''{app} GROUP BY {column} ORDER BY {ordered}";
        var values = new List<string>();
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            values.Add((string)r[0]);
        }

        return values;
    }
}
