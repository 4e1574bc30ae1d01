using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace UsageDashboard.Bench;

/// <summary>Named options of a benchmark's command line: <c>--name value</c>.</summary>
internal static class BenchArgs
{
    [return: NotNullIfNotNull(nameof(fallback))]
    public static string? String(string[] args, string name, string? fallback = null)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    public static int Int(string[] args, string name, int fallback) =>
        String(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
