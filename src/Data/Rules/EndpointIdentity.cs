using System.Security.Cryptography;
using System.Text;

namespace UsageDashboard.Data.Rules;

/// <summary>
/// The stable id of a catalog endpoint: every instance of an application computes the same id for the
/// same endpoint, across restarts and databases, so rules survive redeploys and need no coordination.
/// </summary>
public static class EndpointIdentity
{
    /// <summary>The text used for an endpoint that accepts every HTTP method.</summary>
    public const string AnyMethod = "*";

    /// <summary>
    /// Normalizes HTTP methods for storage and hashing: upper case, distinct, sorted, comma separated;
    /// <see cref="AnyMethod"/> when there are none.
    /// </summary>
    /// <param name="methods">The endpoint's HTTP methods; null or empty for any method.</param>
    /// <returns>The normalized method list.</returns>
    public static string NormalizeMethods(IEnumerable<string>? methods)
    {
        if (methods is null)
        {
            return AnyMethod;
        }

        var list = methods.Select(m => m.Trim().ToUpperInvariant()).Where(m => m.Length > 0)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? AnyMethod : string.Join(',', list);
    }

    /// <summary>Computes the id: 16 lower-case hex characters of SHA-256 over application, methods and pattern.</summary>
    /// <param name="application">The application name (<c>UsageTracking:ApplicationName</c>).</param>
    /// <param name="normalizedMethods">Methods as returned by <see cref="NormalizeMethods"/>.</param>
    /// <param name="routePattern">The route template, e.g. <c>/shop/products/{id}</c>.</param>
    /// <returns>The endpoint id.</returns>
    public static string Compute(string application, string normalizedMethods, string routePattern)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(normalizedMethods);
        ArgumentNullException.ThrowIfNull(routePattern);
        // A separator that cannot occur in names keeps ("a","b c") and ("a b","c") apart.
        var bytes = Encoding.UTF8.GetBytes(application + "\n" + normalizedMethods + "\n" + routePattern);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
