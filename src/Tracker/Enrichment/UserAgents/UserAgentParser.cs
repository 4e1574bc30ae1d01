namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// uap-core parsing and crawler detection with a bounded LRU cache in front: real traffic repeats a handful of agents,
/// and a cache hit costs a dictionary probe instead of up to ~1 200 rule checks and the crawler pattern.
/// </summary>
/// <remarks>The rules are loaded on first use, on the writer thread, not during host startup.</remarks>
internal sealed class UserAgentParser
{
    public const int DefaultCacheSize = 10_000;

    private readonly Lazy<UapParser> _parser;
    private readonly LruCache<string, DescribedUserAgent> _cache;
    private readonly Func<string, DescribedUserAgent> _describeUncached;

    public UserAgentParser(Func<UapParser> parser, int cacheSize = DefaultCacheSize)
    {
        _parser = new Lazy<UapParser>(parser, LazyThreadSafetyMode.ExecutionAndPublication);
        _cache = new LruCache<string, DescribedUserAgent>(cacheSize, StringComparer.Ordinal);
        _describeUncached = agent => DescribedUserAgent.Of(agent, _parser.Value.Parse(agent));
    }

    public UserAgentParser(UapParser parser, int cacheSize = DefaultCacheSize)
        : this(() => parser, cacheSize)
    {
    }

    public DescribedUserAgent Describe(string agent) => _cache.GetOrAdd(agent, _describeUncached);
}
