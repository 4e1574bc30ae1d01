using UsageDashboard.Tracker.Enrichment;

namespace UsageDashboard.Tracker.Tests.Enrichment;

public sealed class LruCacheTests
{
    [Fact]
    public void Evicts_the_least_recently_used_entry_at_capacity()
    {
        var cache = new LruCache<string, int>(2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        Assert.True(cache.TryGet("a", out _)); // "b" is now the least recently used
        cache.Set("c", 3);

        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void GetOrAdd_computes_once_per_key()
    {
        var cache = new LruCache<string, string>(10);
        var calls = 0;
        for (var i = 0; i < 5; i++)
        {
            cache.GetOrAdd("k", k => { calls++; return k + "!"; });
        }
        Assert.Equal(1, calls);
        Assert.Equal("k!", cache.GetOrAdd("k", _ => "other"));
    }
}
