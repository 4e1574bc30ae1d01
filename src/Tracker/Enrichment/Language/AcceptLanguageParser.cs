using System.Globalization;
using System.Text;

namespace UsageDashboard.Tracker.Enrichment.Language;

/// <summary>
/// The preferred language of an <c>Accept-Language</c> header: the tag with the highest q-value (the
/// first one on ties), q=0 meaning "not acceptable". Tags are normalised to BCP 47 casing
/// (<c>en-US</c>, <c>zh-Hant-TW</c>). Malformed parts are skipped, never thrown on.
/// </summary>
internal static class AcceptLanguageParser
{
    public static string? Preferred(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        string? best = null;
        var bestQuality = 0.0;
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var semicolon = part.IndexOf(';', StringComparison.Ordinal);
            var tag = (semicolon < 0 ? part : part[..semicolon]).Trim();
            var quality = semicolon < 0 ? 1.0 : Quality(part.AsSpan(semicolon + 1));
            if (quality is not > 0 || quality <= bestQuality || tag == "*")
            {
                continue;
            }
            var normalized = Normalize(tag);
            if (normalized is null)
            {
                continue;
            }
            best = normalized;
            bestQuality = quality.Value;
        }
        return best;
    }

    /// <summary>The q parameter; 1 when absent, null when malformed.</summary>
    private static double? Quality(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim();
            if (parameter.Length < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') || parameter[1] != '=')
            {
                continue;
            }
            return double.TryParse(parameter[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) && q <= 1
                ? q
                : null;
        }
        return 1.0;
    }

    /// <summary>BCP 47 casing: language lower, script title, region upper; null when the tag is not a language tag.</summary>
    public static string? Normalize(string tag)
    {
        if (tag.Length is 0 or > 35)
        {
            return null;
        }
        var builder = new StringBuilder(tag.Length);
        var index = 0;
        foreach (var subtag in tag.Replace('_', '-').Split('-'))
        {
            if (subtag.Length is 0 or > 8 || !subtag.All(char.IsAsciiLetterOrDigit))
            {
                return null;
            }
            if (index == 0 && !subtag.All(char.IsAsciiLetter))
            {
                return null;
            }
            if (index > 0)
            {
                builder.Append('-');
            }
            if (index > 0 && subtag.Length == 2 && subtag.All(char.IsAsciiLetter))
            {
                builder.Append(subtag.ToUpperInvariant());
            }
            else if (index > 0 && subtag.Length == 4 && subtag.All(char.IsAsciiLetter))
            {
                builder.Append(char.ToUpperInvariant(subtag[0])).Append(subtag[1..].ToLowerInvariant());
            }
            else
            {
                builder.Append(subtag.ToLowerInvariant());
            }
            index++;
        }
        return builder.ToString();
    }
}
