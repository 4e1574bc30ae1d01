using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace UsageDashboard.Dashboard.Services;

/// <summary>Builds dashboard links that carry the global filter, so a click never loses the context.</summary>
internal static class DashboardLinks
{
    /// <summary><paramref name="path"/> with the filter's query plus <paramref name="extra"/> (null values skipped).</summary>
    public static string Build(string path, DashboardFilter filter, params (string Key, string? Value)[] extra)
    {
        var pairs = filter.ToQuery().ToList();
        foreach (var (key, value) in extra)
        {
            pairs.RemoveAll(p => p.Key == key);
            if (!string.IsNullOrEmpty(value))
            {
                pairs.Add(new(key, value));
            }
        }

        return path + QueryString.Create(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).ToUriComponent();
    }

    /// <summary><paramref name="uri"/> with some query values replaced; a null or empty value removes the key.</summary>
    public static string WithQuery(string uri, params (string Key, string? Value)[] values)
    {
        var hashIndex = uri.IndexOf('#', StringComparison.Ordinal);
        if (hashIndex >= 0)
        {
            uri = uri[..hashIndex];
        }

        var queryIndex = uri.IndexOf('?', StringComparison.Ordinal);
        var basePart = queryIndex < 0 ? uri : uri[..queryIndex];
        var query = queryIndex < 0 ? new Dictionary<string, StringValues>() : QueryHelpers.ParseQuery(uri[queryIndex..]);
        var pairs = query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
        foreach (var (key, value) in values)
        {
            pairs.RemoveAll(p => p.Key == key);
            if (!string.IsNullOrEmpty(value))
            {
                pairs.Add(new(key, value));
            }
        }

        return basePart + QueryString.Create(pairs).ToUriComponent();
    }
}
