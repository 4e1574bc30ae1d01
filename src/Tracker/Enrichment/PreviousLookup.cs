namespace UsageDashboard.Tracker.Enrichment;

/// <summary>
/// The result for the key of the record before, kept while a step goes through a batch. Most requests come from a handful
/// of browsers, and a client's requests often follow each other (a page and its assets), so a key equal to the one before
/// takes its result without the lookup (a cache's lock and hash, or a parse).
/// </summary>
/// <remarks>
/// Keys are compared with their default equality: ordinal for strings, which is one reference check for the headers of
/// one connection (the server hands its requests the same string) and a vectorized compare otherwise.
/// </remarks>
internal struct PreviousLookup<TKey, TValue>(Func<TKey, TValue> lookup)
{
    private bool _looked;
    private TKey _key = default!;
    private TValue _value = default!;

    public TValue Get(TKey key)
    {
        if (!_looked || !EqualityComparer<TKey>.Default.Equals(key, _key))
        {
            _value = lookup(key);
            _key = key;
            _looked = true;
        }

        return _value;
    }
}
