using UsageDashboard.Data.Statistics.Sql;
using UsageDashboard.Data.Storage;

namespace UsageDashboard.Data.Statistics;

internal sealed partial class UsageStatistics
{
    public async Task<bool> HasRecordsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _sql.QueryAsync($"SELECT 1 FROM {Table} LIMIT 1", [], r => r.Long(0), cancellationToken).ConfigureAwait(false);
        return rows.Count > 0;
    }

    public async Task<IReadOnlyList<string>> GetApplicationsAsync(CancellationToken cancellationToken = default)
    {
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var sql = $"SELECT server_name FROM {Table} WHERE server_name IS NOT NULL GROUP BY server_name ORDER BY {d.Ordinal("server_name")}";
        return await _sql.QueryAsync(sql, [], r => r.String(0)!, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> GetGroupsAsync(string? application = null, CancellationToken cancellationToken = default)
    {
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var f = new SqlFilter(d).And("blueprint IS NOT NULL");
        if (!string.IsNullOrEmpty(application))
        {
            f.And($"server_name = {f.Add(UsageText.Clean(application, null)!)}");
        }

        var sql = $"SELECT blueprint FROM {Table} {f.Where} GROUP BY blueprint ORDER BY {d.Ordinal("blueprint")}";
        return await _sql.QueryAsync(sql, f.Parameters, r => r.String(0)!, cancellationToken).ConfigureAwait(false);
    }
}
