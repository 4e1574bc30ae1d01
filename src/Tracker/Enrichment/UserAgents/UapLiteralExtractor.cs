using System.Text;

namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// Derives from a uap-core regex a set of literals of which every match must contain at least one, so
/// that a vectorised substring search can rule a rule out before its regex runs. Most agents are
/// rejected by almost every rule, and this check costs nanoseconds where a failing regex search
/// costs microseconds (a milliseconds for the big crawler alternations).
/// </summary>
/// <remarks>
/// Conservative: literal runs count only on the mandatory path (not in optional groups, lookarounds
/// or classes); an alternation yields the union of its branches' requirements, or nothing if one
/// branch has none. A two-letter case class such as <c>[Ss]</c> is read as a case-insensitive letter.
/// When in doubt there is no requirement, which means "always run the regex".
/// </remarks>
internal static class UapLiteralExtractor
{
    private const int MaxAlternatives = 1024;

    public static UapRequirement? Requirement(string pattern, bool ignoreCase)
    {
        try
        {
            var position = 0;
            var requirement = ParseAlternation(pattern, ref position);
            if (position != pattern.Length || requirement is null)
            {
                return null;
            }
            return ignoreCase ? requirement.WithIgnoreCase() : requirement;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or FormatException)
        {
            // A construct this scanner does not understand: no pre-check, the regex alone decides.
            return null;
        }
    }

    /// <summary>The single best literal, for tests and diagnostics.</summary>
    public static string LongestRequiredLiteral(string pattern) =>
        Requirement(pattern, ignoreCase: false) is { Literals: [var only] } ? only : "";

    private static UapRequirement? ParseAlternation(string p, ref int i)
    {
        var branches = new List<UapRequirement?> { ParseBranch(p, ref i) };
        while (i < p.Length && p[i] == '|')
        {
            i++;
            branches.Add(ParseBranch(p, ref i));
        }
        if (branches.Count == 1)
        {
            return branches[0];
        }
        if (branches.Any(b => b is null))
        {
            return null;
        }
        var literals = branches.SelectMany(b => b!.Literals).ToList();
        return literals.Count > MaxAlternatives ? null : new UapRequirement(literals, branches.Any(b => b!.IgnoreCase));
    }

    /// <summary>Parses one branch up to '|' or ')' (not consumed) and returns its most selective requirement.</summary>
    private static UapRequirement? ParseBranch(string p, ref int i)
    {
        UapRequirement? best = null;
        var run = new StringBuilder();
        var runIgnoresCase = false;

        void Consider(UapRequirement? candidate)
        {
            if (candidate is not null && (best is null || candidate.Score.CompareTo(best.Score) > 0))
            {
                best = candidate;
            }
        }

        void Flush()
        {
            if (run.Length > 0)
            {
                Consider(new UapRequirement([run.ToString()], runIgnoresCase));
                run.Clear();
                runIgnoresCase = false;
            }
        }

        void Append(char literal, bool caseInsensitive, ref int at)
        {
            // A literal is required once unless its quantifier allows zero; a repeat ends the run after it.
            if (at < p.Length && p[at] is '?' or '*' or '+' or '{' && IsQuantifier(p, at))
            {
                var optional = ConsumeQuantifier(p, ref at);
                if (!optional)
                {
                    run.Append(literal);
                    runIgnoresCase |= caseInsensitive;
                }
                Flush();
                return;
            }
            run.Append(literal);
            runIgnoresCase |= caseInsensitive;
        }

        while (i < p.Length)
        {
            var c = p[i];
            switch (c)
            {
                case ')' or '|':
                    Flush();
                    return best;
                case '(':
                {
                    Flush();
                    i++;
                    var skip = false;
                    if (p[i] == '?')
                    {
                        if (p[i + 1] == ':')
                        {
                            i += 2;
                        }
                        else if ((p[i + 1] == '<' && p[i + 2] is not '=' and not '!') || (p[i + 1] == 'P' && p[i + 2] == '<'))
                        {
                            i = p.IndexOf('>', i) + 1; // named group
                        }
                        else if (p[i + 1] is '=' or '!' || (p[i + 1] == '<' && p[i + 2] is '=' or '!'))
                        {
                            skip = true; // lookaround: not part of the matched text
                            i += p[i + 1] == '<' ? 3 : 2;
                        }
                        else
                        {
                            throw new FormatException("Inline options are not analysed.");
                        }
                    }
                    var inner = ParseAlternation(p, ref i);
                    if (i >= p.Length || p[i] != ')')
                    {
                        throw new FormatException("Unbalanced parenthesis.");
                    }
                    i++;
                    var optional = ConsumeQuantifier(p, ref i);
                    if (!optional && !skip)
                    {
                        Consider(inner);
                    }
                    continue;
                }
                case '[':
                {
                    var letter = CaseClassLetter(p, i);
                    if (letter is not null)
                    {
                        i += 4;
                        Append(letter.Value, caseInsensitive: true, ref i);
                        continue;
                    }
                    Flush();
                    SkipClass(p, ref i);
                    ConsumeQuantifier(p, ref i);
                    continue;
                }
                case '\\':
                {
                    var escaped = p[i + 1];
                    i += 2;
                    if (char.IsAsciiLetterOrDigit(escaped) || escaped == '_')
                    {
                        Flush(); // \d, \w, \b, back-references...: not literals
                        ConsumeQuantifier(p, ref i);
                    }
                    else
                    {
                        Append(escaped, caseInsensitive: false, ref i);
                    }
                    continue;
                }
                case '.' or '^' or '$':
                    Flush();
                    i++;
                    ConsumeQuantifier(p, ref i);
                    continue;
                case '*' or '+' or '?':
                    throw new FormatException("A quantifier without an atom.");
                case '{' when IsQuantifier(p, i):
                    throw new FormatException("A quantifier without an atom.");
                default:
                    i++;
                    Append(c, caseInsensitive: false, ref i);
                    continue;
            }
        }
        Flush();
        return best;
    }

    /// <summary>The letter of a class like <c>[Ss]</c> (both cases of one ASCII letter, nothing else).</summary>
    private static char? CaseClassLetter(string p, int i) =>
        i + 3 < p.Length && p[i + 3] == ']' && char.IsAsciiLetter(p[i + 1]) && char.IsAsciiLetter(p[i + 2])
        && p[i + 1] != p[i + 2] && char.ToLowerInvariant(p[i + 1]) == char.ToLowerInvariant(p[i + 2])
            ? char.ToLowerInvariant(p[i + 1])
            : null;

    private static bool IsQuantifier(string p, int i)
    {
        if (p[i] != '{')
        {
            return p[i] is '?' or '*' or '+';
        }
        var close = p.IndexOf('}', i);
        if (close < 0 || close == i + 1)
        {
            return false;
        }
        foreach (var c in p.AsSpan(i + 1, close - i - 1))
        {
            if (!char.IsAsciiDigit(c) && c != ',')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Consumes a quantifier (and its lazy/possessive suffix); true when it allows zero repetitions.</summary>
    private static bool ConsumeQuantifier(string p, ref int i)
    {
        if (i >= p.Length || !IsQuantifier(p, i))
        {
            return false;
        }
        bool optional;
        if (p[i] == '{')
        {
            var close = p.IndexOf('}', i);
            optional = p[i + 1] is '0' or ',';
            i = close + 1;
        }
        else
        {
            optional = p[i] != '+';
            i++;
        }
        if (i < p.Length && p[i] is '?' or '+')
        {
            i++;
        }
        return optional;
    }

    private static void SkipClass(string p, ref int i)
    {
        i++; // '['
        if (p[i] == '^')
        {
            i++;
        }
        if (p[i] == ']')
        {
            i++;
        }
        while (p[i] != ']')
        {
            i += p[i] == '\\' ? 2 : 1;
        }
        i++;
    }
}
