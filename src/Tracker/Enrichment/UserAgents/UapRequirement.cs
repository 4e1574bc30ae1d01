using System.Buffers;

namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// A necessary condition for a regex to match: the input contains at least one of
/// <see cref="Literals"/> (compared ignoring case when <see cref="IgnoreCase"/>).
/// </summary>
internal sealed class UapRequirement
{
    private readonly SearchValues<string>? _any;
    private readonly StringComparison _comparison;

    public UapRequirement(IReadOnlyCollection<string> literals, bool ignoreCase)
    {
        Literals = [.. literals.Distinct(StringComparer.Ordinal)];
        IgnoreCase = ignoreCase;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (Literals.Length > 1)
        {
            // Aho-Corasick/Teddy search over all alternatives at once.
            _any = SearchValues.Create(Literals, _comparison);
        }
    }

    public string[] Literals { get; }

    public bool IgnoreCase { get; }

    // Typical browser traffic: a literal that these contain (" Build", "Mozilla", "; ") rules out almost
    // nothing, so a rarer literal is preferred even when it is shorter.
    private static readonly string[] TypicalAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 13; SM-S918B Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
        "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.101 Mobile/15E148 Safari/604.1",
    ];

    /// <summary>
    /// Higher is more selective: fewer typical agents pass, then the shortest alternative is longer, then
    /// fewer alternatives.
    /// </summary>
    public (int NegatedTypicalHits, int Shortest, int NegatedCount) Score =>
        (-TypicalAgents.Count(IsMetBy), Literals.Min(l => l.Length), -Literals.Length);

    public UapRequirement WithIgnoreCase() => IgnoreCase ? this : new UapRequirement(Literals, true);

    public bool IsMetBy(string input) =>
        _any is null ? input.Contains(Literals[0], _comparison) : input.AsSpan().IndexOfAny(_any) >= 0;

    public override string ToString() => (IgnoreCase ? "(?i)" : "") + string.Join(" | ", Literals);
}
