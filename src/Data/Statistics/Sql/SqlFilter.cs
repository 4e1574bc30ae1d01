using System.Text;

namespace UsageDashboard.Data.Statistics.Sql;

/// <summary>
/// Builds the WHERE clause and parameters of a <see cref="UsageFilter"/>, shared by every statistics query
/// and the request log so that all of them count exactly the same rows.
/// </summary>
internal sealed class SqlFilter
{
    private readonly StringBuilder _where = new();
    private readonly SqlDialect _dialect;

    public SqlFilter(SqlDialect dialect) => _dialect = dialect;

    public List<KeyValuePair<string, object>> Parameters { get; } = [];

    public string Where => _where.Length == 0 ? "" : "WHERE " + _where;

    /// <summary>The SQL expression naming a URL under <paramref name="grouping"/>.</summary>
    public static string UrlColumn(UrlGrouping grouping) => grouping == UrlGrouping.Route ? "COALESCE(route, path)" : "path";

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string Add(object value)
    {
        var name = "@sf" + Parameters.Count;
        Parameters.Add(new(name, value));
        return name;
    }

    /// <summary>The filter's rows; <paramref name="start"/> overrides the filter's start (the overview reads two periods).</summary>
    public static SqlFilter For(SqlDialect dialect, UsageFilter filter, DateTime? start = null)
    {
        var f = new SqlFilter(dialect);
        f.And($"date >= {f.Add(dialect.DateValue(start ?? filter.Start))}");
        f.And($"date < {f.Add(dialect.DateValue(filter.End))}");
        if (!string.IsNullOrEmpty(filter.Application))
        {
            f.And($"server_name = {f.Add(filter.Application)}");
        }

        if (!string.IsNullOrEmpty(filter.Group))
        {
            f.And($"blueprint = {f.Add(filter.Group)}");
        }

        if (!string.IsNullOrEmpty(filter.PathContains))
        {
            f.And(dialect.Contains("path", f.Add(filter.PathContains)));
        }

        if (filter.Url is { } url)
        {
            f.And($"{UrlColumn(url.Grouping)} = {f.Add(url.Value)}");
        }

        if (filter.Status is { } status)
        {
            f.And($"status = {f.Add(status)}");
        }

        if (filter.StatusClass is { } statusClass)
        {
            // A range rather than status / 100 so an index on status could serve it.
            f.And($"status >= {f.Add(statusClass * 100)} AND status < {f.Add((statusClass + 1) * 100)}");
        }

        if (!string.IsNullOrEmpty(filter.Method))
        {
            f.And($"method = {f.Add(filter.Method.ToUpperInvariant())}");
        }

        if (!string.IsNullOrEmpty(filter.CountryCode))
        {
            var code = filter.CountryCode.ToUpperInvariant();
            f.And(code == UsageFilter.UnknownCountryCode ? "country_code IS NULL OR country_code = ''" : $"country_code = {f.Add(code)}");
        }

        if (!string.IsNullOrEmpty(filter.UserName))
        {
            f.And($"username = {f.Add(filter.UserName)}");
        }

        if (!string.IsNullOrEmpty(filter.RemoteAddr))
        {
            f.And($"remote_addr = {f.Add(filter.RemoteAddr)}");
        }

        if (filter.Bots != BotFilter.All)
        {
            f.And($"is_bot = {f.Add(filter.Bots == BotFilter.Bots)}");
        }

        return f;
    }

    public SqlFilter And(string condition)
    {
        if (_where.Length > 0)
        {
            _where.Append(" AND ");
        }

        _where.Append('(').Append(condition).Append(')');
        return this;
    }

    public SqlDialect Dialect => _dialect;
}
