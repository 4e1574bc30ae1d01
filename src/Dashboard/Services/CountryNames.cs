using System.Globalization;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Services;

/// <summary>Country names and flag emoji for ISO 3166-1 alpha-2 codes.</summary>
internal static class CountryNames
{
    /// <summary>The English name of <paramref name="code"/>; "Unknown" for the unknown code, the code itself when unrecognised.</summary>
    public static string Name(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || string.Equals(code, UsageFilter.UnknownCountryCode, StringComparison.OrdinalIgnoreCase))
        {
            return "Unknown";
        }

        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code.ToUpperInvariant();
        }
    }

    /// <summary>The flag emoji of <paramref name="code"/>; a globe for unknown.</summary>
    public static string Flag(string? code)
    {
        if (code is not { Length: 2 } || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1])
            || string.Equals(code, UsageFilter.UnknownCountryCode, StringComparison.OrdinalIgnoreCase))
        {
            return "🌐";
        }

        var upper = code.ToUpperInvariant();
        return char.ConvertFromUtf32(0x1F1E6 + upper[0] - 'A') + char.ConvertFromUtf32(0x1F1E6 + upper[1] - 'A');
    }
}
