using UsageDashboard.Data.Statistics.Sql;

namespace UsageDashboard.Data.Statistics;

internal sealed partial class UsageStatistics
{
    /// <summary>Versions listed per browser or platform; the long tail of old versions is left out.</summary>
    internal const int MaxVersions = 20;

    public async Task<AudienceStatistics> GetAudienceAsync(UsageFilter filter, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var botsTask = _sql.QueryAsync(
            $"SELECT CASE WHEN is_bot THEN 1 ELSE 0 END AS b, COUNT(*) FROM {Table} {SqlFilter.For(d, filter).Where} GROUP BY CASE WHEN is_bot THEN 1 ELSE 0 END",
            SqlFilter.For(d, filter).Parameters, r => (Bot: r.Int(0) == 1, Count: r.Long(1)), cancellationToken);
        var browsersTask = VersionedAsync(d, filter, "browser", "browser_version", cancellationToken);
        var platformsTask = VersionedAsync(d, filter, "platform", "os_version", cancellationToken);
        var devicesTask = TopAsync(d, SqlFilter.For(d, filter), "NULLIF(device, '')", null, cancellationToken);
        var languagesTask = TopAsync(d, SqlFilter.For(d, filter), "NULLIF(language, '')", null, cancellationToken);

        var bots = await botsTask.ConfigureAwait(false);
        return new AudienceStatistics(
            await browsersTask.ConfigureAwait(false),
            await platformsTask.ConfigureAwait(false),
            await devicesTask.ConfigureAwait(false),
            await languagesTask.ConfigureAwait(false),
            bots.Where(b => !b.Bot).Sum(b => b.Count),
            bots.Where(b => b.Bot).Sum(b => b.Count));
    }

    /// <summary>Families with their versions from one GROUP BY over (family, version).</summary>
    private async Task<IReadOnlyList<VersionedCount>> VersionedAsync(
        SqlDialect d, UsageFilter filter, string family, string version, CancellationToken cancellationToken)
    {
        var f = SqlFilter.For(d, filter);
        var sql = $"""
            SELECT fam, ver, COUNT(*)
            FROM (SELECT NULLIF({family}, '') AS fam, NULLIF({version}, '') AS ver FROM {Table} {f.Where}) s
            GROUP BY fam, ver
            """;
        var rows = await _sql.QueryAsync(sql, f.Parameters,
            r => (Family: NameOrUnknown(r.String(0)), Version: NameOrUnknown(r.String(1)), Count: r.Long(2)), cancellationToken)
            .ConfigureAwait(false);
        var total = rows.Sum(r => r.Count);
        return rows.GroupBy(r => r.Family, StringComparer.Ordinal)
            .Select(g =>
            {
                var count = g.Sum(r => r.Count);
                var versions = g.GroupBy(r => r.Version, StringComparer.Ordinal)
                    .Select(v => new NamedCount(v.Key, v.Sum(r => r.Count), Share(v.Sum(r => r.Count), total)))
                    .OrderByDescending(v => v.Requests).ThenBy(v => v.Name, StringComparer.Ordinal)
                    .Take(MaxVersions)
                    .ToList();
                return new VersionedCount(g.Key, count, Share(count, total), versions);
            })
            .OrderByDescending(v => v.Requests).ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
    }
}
