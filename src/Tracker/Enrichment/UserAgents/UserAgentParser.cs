namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// uap-core parsing with a bounded LRU cache in front: real traffic repeats a handful of agents, and a
/// cache hit costs a dictionary probe instead of up to ~1 200 rule checks.
/// </summary>
internal sealed class UserAgentParser(UapParser parser, int cacheSize = UserAgentParser.DefaultCacheSize)
{
    public const int DefaultCacheSize = 10_000;

    private readonly LruCache<string, ParsedUserAgent> _cache = new(cacheSize, StringComparer.Ordinal);

    public ParsedUserAgent Parse(string agent) => _cache.GetOrAdd(agent, parser.Parse);
}
