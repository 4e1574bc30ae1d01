using System.Text;

namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// Finds a literal substring that every match of a uap-core regex must contain, so that a plain
/// vectorised <c>Contains</c> can rule a rule out before its regex runs. Most agents are rejected by
/// almost every rule, and this check costs a few nanoseconds where a failing regex search costs a
/// microsecond.
/// </summary>
/// <remarks>
/// Deliberately conservative: only literal runs that sit on the mandatory path are collected (not
/// inside alternations, optional groups, lookarounds or character classes). When in doubt it returns
/// an empty string, which means "always run the regex".
/// </remarks>
internal static class UapLiteralExtractor
{
    public static string LongestRequiredLiteral(string pattern)
    {
        try
        {
            var literals = new List<string>();
            var position = 0;
            if (!ParseSequence(pattern, ref position, literals) || position != pattern.Length)
            {
                return "";
            }
            var best = "";
            foreach (var literal in literals)
            {
                if (literal.Length > best.Length)
                {
                    best = literal;
                }
            }
            return best;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or FormatException)
        {
            // A pattern this scanner does not understand: no pre-check, the regex alone decides.
            return "";
        }
    }

    /// <summary>Parses up to the closing parenthesis of the current level (or the end); false when the level has an alternation.</summary>
    private static bool ParseSequence(string p, ref int i, List<string> output)
    {
        var local = new List<string>();
        var run = new StringBuilder();
        var alternation = false;

        void Flush()
        {
            if (run.Length > 0)
            {
                local.Add(run.ToString());
                run.Clear();
            }
        }

        while (i < p.Length)
        {
            var c = p[i];
            switch (c)
            {
                case ')':
                    Flush();
                    goto done;
                case '|':
                    alternation = true;
                    Flush();
                    i++;
                    continue;
                case '(':
                {
                    Flush();
                    i++;
                    var skipContent = false;
                    if (p[i] == '?')
                    {
                        if (p[i + 1] == ':')
                        {
                            i += 2;
                        }
                        else if (p[i + 1] == '<' && p[i + 2] is not '=' and not '!')
                        {
                            i = p.IndexOf('>', i) + 1;
                        }
                        else if (p[i + 1] == 'P' && p[i + 2] == '<')
                        {
                            i = p.IndexOf('>', i) + 1;
                        }
                        else
                        {
                            // Lookarounds and inline options: not part of the matched text, or changes matching rules.
                            skipContent = true;
                            i += 2;
                        }
                    }
                    var inner = new List<string>();
                    var innerRequired = ParseSequence(p, ref i, inner);
                    if (i >= p.Length || p[i] != ')')
                    {
                        throw new FormatException("Unsupported pattern construct.");
                    }
                    i++;
                    var optional = ConsumeQuantifier(p, ref i);
                    if (innerRequired && !optional && !skipContent)
                    {
                        local.AddRange(inner);
                    }
                    continue;
                }
                case '[':
                    Flush();
                    SkipClass(p, ref i);
                    ConsumeQuantifier(p, ref i);
                    continue;
                case '\\':
                {
                    var escaped = p[i + 1];
                    i += 2;
                    if (char.IsLetterOrDigit(escaped) || escaped == '_')
                    {
                        // \d, \w, \b, back-references...: not a literal.
                        Flush();
                        ConsumeQuantifier(p, ref i);
                    }
                    else
                    {
                        AppendLiteral(p, ref i, escaped, run, Flush);
                    }
                    continue;
                }
                case '.' or '^' or '$':
                    Flush();
                    i++;
                    ConsumeQuantifier(p, ref i);
                    continue;
                case '*' or '+' or '?' or '{':
                    // A quantifier not following an atom: do not guess.
                    throw new FormatException("Unsupported pattern construct.");
                default:
                    i++;
                    AppendLiteral(p, ref i, c, run, Flush);
                    continue;
            }
        }
        Flush();

    done:
        if (alternation)
        {
            return false;
        }
        output.AddRange(local);
        return true;
    }

    private static void AppendLiteral(string p, ref int i, char literal, StringBuilder run, Action flush)
    {
        if (i < p.Length && p[i] is '?' or '*' or '{' or '+')
        {
            var start = i;
            var optional = ConsumeQuantifier(p, ref i);
            if (!optional)
            {
                // Present at least once, but what follows may repeat it: end the run after it.
                run.Append(literal);
            }
            flush();
            if (i == start)
            {
                // A '{' that is not a quantifier is a literal brace.
                run.Append(p[i++]);
            }
            return;
        }
        run.Append(literal);
    }

    /// <summary>Consumes a quantifier (and its lazy/possessive suffix); true when it allows zero repetitions.</summary>
    private static bool ConsumeQuantifier(string p, ref int i)
    {
        if (i >= p.Length)
        {
            return false;
        }
        bool optional;
        switch (p[i])
        {
            case '?' or '*':
                optional = true;
                i++;
                break;
            case '+':
                optional = false;
                i++;
                break;
            case '{':
            {
                var close = p.IndexOf('}', i);
                if (close < 0 || !IsCountedQuantifier(p.AsSpan(i + 1, close - i - 1)))
                {
                    return false;
                }
                optional = p[i + 1] == '0' || p[i + 1] == ',';
                i = close + 1;
                break;
            }
            default:
                return false;
        }
        if (i < p.Length && p[i] is '?' or '+')
        {
            i++;
        }
        return optional;
    }

    private static bool IsCountedQuantifier(ReadOnlySpan<char> body)
    {
        if (body.IsEmpty)
        {
            return false;
        }
        foreach (var c in body)
        {
            if (!char.IsAsciiDigit(c) && c != ',')
            {
                return false;
            }
        }
        return true;
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
