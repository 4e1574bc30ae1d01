using System.Text.RegularExpressions;

namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// One entry of a uap-core parser list: the regex, its optional replacements (<c>$1</c>..<c>$9</c>
/// placeholders) and the literals that every match must contain one of.
/// </summary>
/// <remarks>
/// The regex is built on first use: most of the ~1 200 entries never run for a given agent because
/// their required literal is absent, so building them all up front would only slow startup.
/// </remarks>
internal sealed class UapRule
{
    private readonly string _pattern;
    private readonly RegexOptions _options;
    private readonly TimeSpan _timeout;
    private Regex? _regex;

    public UapRule(string pattern, bool ignoreCase, string?[] replacements, TimeSpan timeout)
    {
        _pattern = pattern;
        _options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        _timeout = timeout;
        Replacements = replacements;
        Requirement = UapLiteralExtractor.Requirement(pattern, ignoreCase);
    }

    /// <summary>Replacement per output slot (family, v1, v2, ...); null where the group is used as is.</summary>
    public string?[] Replacements { get; }

    /// <summary>Substrings of which every matching agent contains one; null when none could be derived.</summary>
    public UapRequirement? Requirement { get; }

    public Regex Regex => _regex ?? EnsureRegex();

    /// <summary>Cheap pre-check: false means the regex cannot match.</summary>
    public bool MayMatch(string agent) => Requirement is null || Requirement.IsMetBy(agent);

    /// <summary>Builds the regex now (used to warm up or to validate the whole file).</summary>
    public Regex EnsureRegex()
    {
        var regex = _regex;
        if (regex is null)
        {
            // Benign race: two threads may build the same regex; both results are equivalent.
            regex = new Regex(_pattern, _options, _timeout);
            _regex = regex;
        }
        return regex;
    }

    /// <summary>
    /// The value of output slot <paramref name="slot"/> (0-based): the replacement with <c>$n</c>
    /// substituted, else capture group <c>slot + 1</c>. Empty results are null, as in uap-python.
    /// </summary>
    public string? Resolve(Match match, int slot, int defaultGroup)
    {
        var replacement = slot < Replacements.Length ? Replacements[slot] : null;
        if (replacement is null)
        {
            if (defaultGroup <= 0 || defaultGroup >= match.Groups.Count)
            {
                return null;
            }
            var group = match.Groups[defaultGroup];
            return group.Success && group.Length > 0 ? group.Value : null;
        }
        return Substitute(replacement, match);
    }

    private static string? Substitute(string replacement, Match match)
    {
        if (!replacement.Contains('$', StringComparison.Ordinal))
        {
            return replacement.Length == 0 ? null : replacement;
        }

        var builder = new System.Text.StringBuilder(replacement.Length + 16);
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '$' && i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]))
            {
                var index = replacement[i + 1] - '0';
                if (index < match.Groups.Count && match.Groups[index].Success)
                {
                    builder.Append(match.Groups[index].Value);
                }
                i++;
                continue;
            }
            builder.Append(c);
        }

        var result = builder.ToString().Trim();
        return result.Length == 0 ? null : result;
    }
}
